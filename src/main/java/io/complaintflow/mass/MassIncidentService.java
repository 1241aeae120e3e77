package io.complaintflow.mass;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.Grade;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.sla.DeadlineService;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Groups complaints about one issue: when {@code threshold} open complaints about the same product and category
 * arrive within {@code window}, they become one mass incident, and later ones join it until a whole window passes
 * without one (the incident closes). The grade that the size
 * of the incident calls for comes from complaint-grading (input {@code massIncidentSize}); members below it are
 * raised, and at G4 the incident gets one crisis response. The answer decided once goes to every member.
 */
@Service
public class MassIncidentService {

    public static final String ANSWERED_MESSAGE = "MassIncidentAnswered";
    public static final String SIZE = "massIncidentSize";
    public static final String ADOPTED = "incidentAnswerAdopted";
    /** The incident's label on a member's lifecycle, so the answer form offers "answer the whole incident". */
    public static final String LABEL = "massIncident";

    private final MassIncidents incidents;
    private final ComplaintRepository complaints;
    private final Timeline timeline;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final DecisionService decisions;
    private final ApplicationEventPublisher events;
    private final DeadlineService deadlines;
    private final BusinessClock clock;
    private final Duration window;
    private final int threshold;

    public MassIncidentService(MassIncidents incidents, ComplaintRepository complaints, Timeline timeline,
                               RuntimeService runtime, TaskService tasks,
                               DecisionService decisions,
                               ApplicationEventPublisher events, DeadlineService deadlines, BusinessClock clock,
                               MassProperties settings) {
        this.incidents = incidents;
        this.complaints = complaints;
        this.timeline = timeline;
        this.runtime = runtime;
        this.tasks = tasks;
        this.decisions = decisions;
        this.events = events;
        this.deadlines = deadlines;
        this.clock = clock;
        this.window = settings.window();
        this.threshold = settings.threshold();
    }

    /**
     * Called at intake, after the complaint is stored and before its lifecycle starts: links it to its incident
     * (forming one when this complaint reaches the threshold). Returns the incident's size, for grading.
     */
    public Optional<MassIncident> onIntake(String caseNumber) {
        Complaint c = complaints.find(caseNumber).orElseThrow();
        if (c.product() == null || c.category() == null) {
            return Optional.empty();
        }
        Instant now = clock.now();
        Optional<MassIncident> open = incidents.findOpen(c.category(), c.product());
        if (open.isPresent() && incidents.lastLinkedAt(open.get().id()).isBefore(now.minus(window))) {
            // quiet for a whole window: that wave is over; a new one has to reach the threshold again
            incidents.close(open.get().id(), now);
            open = Optional.empty();
        }
        if (open.isPresent()) {
            incidents.link(open.get().id(), caseNumber, now);
            MassIncident incident = incidents.find(open.get().id()).orElseThrow();
            timeline.record(caseNumber, Actors.SYSTEM, TimelineKind.MASS_INCIDENT, "并入群体事件 " + incident.label()
                    + "（同一产品「" + c.product() + "」，共 " + incident.members().size() + " 件）", null);
            return Optional.of(raise(incident, caseNumber));
        }
        List<String> recent = incidents.unlinkedSince(c.category(), c.product(), now.minus(window));
        if (recent.size() < threshold) {
            return Optional.empty();
        }
        long id = incidents.insert(c.category(), c.product(), Grade.G1, now);
        recent.forEach(n -> incidents.link(id, n, now));
        MassIncident incident = incidents.find(id).orElseThrow();
        for (String member : recent) {
            // only where a copy is held: a department part of generation 3 reads the grade from the record
            for (ProcessInstance p : runtime.createProcessInstanceQuery().processInstanceBusinessKey(member)
                    .variableValueLike(ComplaintProcess.GRADE, "%").list()) {
                runtime.setVariable(p.getId(), LABEL, incident.label());
            }
            timeline.record(member, Actors.SYSTEM, TimelineKind.MASS_INCIDENT, "与同类投诉归并为群体事件 "
                    + incident.label() + "：" + window.toHours() + " 小时内同一产品「" + c.product() + "」"
                    + recent.size() + " 件", String.join("、", recent));
        }
        return Optional.of(raise(incident, caseNumber));
    }

    /**
     * Raises the incident's members to the grade its size calls for (the newcomer is graded by its own lifecycle)
     * and starts the incident's crisis response at G4.
     */
    private MassIncident raise(MassIncident incident, String newcomer) {
        Grade floor = gradeForSize(incident.members().size());
        if (floor.compareTo(incident.grade()) <= 0) {
            return incident;
        }
        incidents.grade(incident.id(), floor);
        for (String member : incident.members()) {
            Complaint c = complaints.find(member).orElseThrow();
            if (member.equals(newcomer) || c.grade() == null || c.grade().compareTo(floor) >= 0) {
                continue;
            }
            complaints.updateTriage(member, c.category(), floor, clock.now());
            // only where a copy is held: a department part of generation 3 reads the grade from the record
            for (ProcessInstance p : runtime.createProcessInstanceQuery().processInstanceBusinessKey(member)
                    .variableValueLike(ComplaintProcess.GRADE, "%").list()) {
                runtime.setVariable(p.getId(), ComplaintProcess.GRADE, floor.code());
            }
            timeline.record(member, Actors.SYSTEM, TimelineKind.MASS_INCIDENT, "群体事件 " + incident.label()
                    + " 已达 " + incident.members().size() + " 件，等级由 " + c.grade() + " 升至 " + floor, null);
        }
        MassIncident raised = incidents.find(incident.id()).orElseThrow();
        if (floor == Grade.G4) {
            events.publishEvent(new MassIncidentCritical(raised));
        }
        return raised;
    }

    /** What complaint-grading says about an incident of this size alone. */
    Grade gradeForSize(int size) {
        return Grade.of(decisions.evaluateDecisionByKey("complaint-grading")
                .variables(Variables.createVariables().putValue("channel", null).putValue("regulator", null)
                        .putValue("category", null).putValue("repeatCount", 0).putValue("vip", false)
                        .putValue("amountClaimed", null).putValue("complaintText", "").putValue("sensitiveTopic", "none")
                        .putValue(SIZE, size))
                .evaluate().getSingleResult().<String>getEntry("grade"));
    }

    /**
     * The answer decided once for the incident: members still with their departments take it at once (the
     * lifecycle's message event), members at the answer step get it as their draft, later ones when they get there.
     */
    public MassIncident answer(long incidentId, String answer, BigDecimal compensation, String actor) {
        incidents.answer(incidentId, answer, compensation, actor, clock.now());
        MassIncident incident = incidents.find(incidentId).orElseThrow();
        for (String member : incident.members()) {
            timeline.record(member, actor, TimelineKind.MASS_INCIDENT, "群体事件 " + incident.label() + " 统一答复已确定",
                    answer);
            // after this, a member's department instances are gone: refresh no more than the lifecycle itself
            runtime.createMessageCorrelation(ANSWERED_MESSAGE).processInstanceBusinessKey(member).correlateAll();
            for (Task draft : tasks.createTaskQuery().processInstanceBusinessKey(member)
                    .taskDefinitionKey("Task_AnswerCustomer").list()) {
                runtime.setVariable(draft.getProcessInstanceId(), ComplaintProcess.ANSWER, answer);
                runtime.setVariable(draft.getProcessInstanceId(), "compensation",
                        compensation == null ? null : compensation.doubleValue());
                runtime.setVariable(draft.getProcessInstanceId(), ADOPTED, true);
            }
        }
        return incident;
    }

    /** The gateway before department handling: an incident answer this complaint has not adopted yet. */
    public boolean answerPending(String caseNumber, boolean adopted) {
        return !adopted && incidents.ofComplaint(caseNumber).map(i -> i.answer() != null).orElse(false);
    }

    /**
     * Takes the incident's answer as this complaint's draft (returned: the caller puts it into the lifecycle);
     * department deadlines stop, departments are done.
     */
    public MassIncident adopt(String caseNumber) {
        MassIncident incident = incidents.ofComplaint(caseNumber).orElseThrow();
        deadlines.all(caseNumber).stream().filter(k -> k.departmentKey() != null && k.open())
                .forEach(k -> deadlines.stop(caseNumber, k.name()));
        timeline.record(caseNumber, Actors.SYSTEM, TimelineKind.MASS_INCIDENT, "采用群体事件 " + incident.label()
                + " 的统一答复，各部门无需另行处理", incident.answer());
        return incident;
    }
}
