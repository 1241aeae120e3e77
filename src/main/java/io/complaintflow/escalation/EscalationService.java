package io.complaintflow.escalation;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.Grade;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.notification.MailTemplates;
import io.complaintflow.notification.NotificationService;
import io.complaintflow.notification.Recipients;
import io.complaintflow.security.Groups;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import io.complaintflow.sla.DeadlineState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The escalation ladder. Level 0 reminds whoever holds the work at 80% of the time; at the deadline level 1
 * brings in the department lead (the center lead for the center's own deadlines), at the deadline plus half its
 * time again level 2 brings in complaint-managers, and for G3/G4 level 3 brings in the emergency group. Each
 * level joins the open tasks as a candidate group, gets a mail, and is written to the timeline and counted.
 * The steps are taken by processes/deadline-ladder.bpmn, one timer at a time ({@link #climb}).
 */
@Service
public class EscalationService {

    private final DeadlineService deadlines;
    private final ComplaintRepository complaints;
    private final TaskService tasks;
    private final Recipients recipients;
    private final MailTemplates templates;
    private final NotificationService notifications;
    private final Timeline timeline;
    private final JdbcClient jdbc;
    private final BusinessClock now;
    private final ApplicationEventPublisher events;

    public EscalationService(DeadlineService deadlines, ComplaintRepository complaints, TaskService tasks,
                             Recipients recipients, MailTemplates templates, NotificationService notifications,
                             Timeline timeline, JdbcClient jdbc, BusinessClock now,
                             ApplicationEventPublisher events) {
        this.deadlines = deadlines;
        this.complaints = complaints;
        this.tasks = tasks;
        this.recipients = recipients;
        this.templates = templates;
        this.notifications = notifications;
        this.timeline = timeline;
        this.jdbc = jdbc;
        this.now = now;
        this.events = events;
    }

    /**
     * The deadline ladder looks at its deadlines: every step whose time has come is taken, in order, on every deadline
     * that is neither met nor paused — the 80% reminder (level 0); the deadline (level 1, and for a G3/G4 complaint
     * level 3 as well, except on the first response); the deadline plus half its time again (level 2, not on the
     * first response). {@code processInstanceId} is the instance whose open tasks the escalated groups join. A step
     * is taken once: the deadline's ladder step moves first, so a second node or a retry finds it taken.
     * Returns the number of steps taken.
     */
    public int climb(String caseNumber, List<String> deadlineNames, String processInstanceId) {
        return step(caseNumber, deadlineNames, processInstanceId).taken();
    }

    /**
     * {@link #climb}, answering also where the watched deadlines stand after it, in the order named (those the case
     * has): the ladder decides whether and when to look again from them, in the same command, without reading them
     * again — a row the step moved is locked by this transaction until it commits.
     */
    public Step step(String caseNumber, List<String> deadlineNames, String processInstanceId) {
        Instant at = now.now();
        int taken = 0;
        Complaint complaint = null;
        List<Task> open = null;
        Map<String, Deadline> all = new HashMap<>();
        deadlines.all(caseNumber).forEach(d -> all.put(d.name(), d)); // one read for every deadline the ladder watches
        List<Deadline> after = new ArrayList<>();
        for (String name : deadlineNames) {
            Deadline deadline = all.get(name);
            while (deadline != null && deadline.climbing() && deadline.state() != DeadlineState.PAUSED
                    && !deadline.nextStepAt().isAfter(at)) {
                int step = deadline.ladderStep();
                // from step 1 on each step breaches a running deadline: step and breach in one update when the row
                // is as read, else apart (the breach then decided by the row as it is)
                boolean breached = step >= 1 && deadline.state() == DeadlineState.RUNNING
                        && deadlines.stepTakenBreaching(deadline, step);
                if (!breached && !deadlines.stepTaken(deadline, step)) {
                    // someone else took it (another node, a retry): as they left it
                    deadline = deadlines.find(caseNumber, name).orElse(null);
                    break;
                }
                if (complaint == null) {
                    complaint = complaints.find(caseNumber).orElseThrow();
                    open = tasks.createTaskQuery().processInstanceId(processInstanceId).active().list();
                }
                for (int level : levels(deadline, step, complaint.grade())) {
                    breached |= act(deadline, level, complaint, open, breached);
                }
                taken++;
                // the row is ours until commit (the step's update holds it): its next step is the one after
                deadline = atStep(deadline, step + 1, breached);
            }
            if (deadline != null) {
                after.add(deadline);
            }
        }
        return new Step(taken, List.copyOf(after));
    }

    /** What a look of the ladder did: the steps it took, and the watched deadlines as they stand after them. */
    public record Step(int taken, List<Deadline> watched) {
    }

    private static Deadline atStep(Deadline d, int step, boolean breached) {
        return new Deadline(d.id(), d.caseNumber(), d.name(), d.durationSpec(), d.startedAt(), d.warningAt(),
                d.targetAt(), d.level2At(), breached ? DeadlineState.BREACHED : d.state(), d.pausedAt(),
                d.stoppedAt(), step);
    }

    static List<Integer> levels(Deadline deadline, int step, Grade grade) {
        boolean major = major(grade);
        return switch (step) {
            case 0 -> List.of(0);
            case 1 -> major && !Deadline.FIRST_RESPONSE.equals(deadline.name()) ? List.of(1, 3) : List.of(1);
            default -> List.of(2);
        };
    }

    /**
     * Generation 1 (boundary timers, one per level): acts on one level for the deadline, unless the deadline has been met
     * or is paused. Returns whether anything happened.
     */
    public boolean escalate(String caseNumber, String deadlineName, int level, String processInstanceId) {
        Deadline deadline = deadlines.find(caseNumber, deadlineName).orElse(null);
        if (deadline == null || !deadline.open() || deadline.state() == DeadlineState.PAUSED) {
            return false;
        }
        if (level >= 3 && !reachesEmergencyGroup(caseNumber)) {
            return false;
        }
        Complaint complaint = complaints.find(caseNumber).orElseThrow();
        act(deadline, level, complaint, tasks.createTaskQuery().processInstanceId(processInstanceId).active().list(),
                false);
        return true;
    }

    /**
     * Whether an overdue step of this complaint calls in the emergency group (G3/G4): decided by the grade in the
     * complaint record, never by a process variable a handler might have rewritten.
     */
    public boolean reachesEmergencyGroup(String caseNumber) {
        return major(recordedGrade(caseNumber));
    }

    private static boolean major(Grade grade) {
        return grade == Grade.G3 || grade == Grade.G4;
    }

    /** The complaint's grade as recorded by intake and triage. */
    public Grade recordedGrade(String caseNumber) {
        return complaints.find(caseNumber).map(Complaint::grade).orElse(null);
    }

    /**
     * One level: the group joins the open tasks (from level 1), is told by mail, and it is recorded and counted.
     * Returns whether it breached the deadline (a running one, at level 1 and up); {@code breachedInStep}: this step
     * has breached it already (the row is this transaction's until commit: no second look).
     */
    private boolean act(Deadline deadline, int level, Complaint complaint, List<Task> open, boolean breachedInStep) {
        String caseNumber = deadline.caseNumber();
        String deadlineName = deadline.name();
        boolean breached = level >= 1 && !breachedInStep && deadlines.breach(deadline);
        String department = deadline.departmentKey();
        String group = groupFor(level, department, open);
        List<String> to = level == 0 ? holdersOf(open, group) : recipients.ofGroup(group);
        if (level >= 1) {
            open.forEach(t -> tasks.addCandidateGroup(t.getId(), group));
        }
        Instant at = now.now();
        jdbc.sql("insert into escalation (case_number, deadline, department, level, escalated_to, at)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .param(caseNumber).param(deadlineName).param(department).param(level).param(group)
                .param(at.atOffset(java.time.ZoneOffset.UTC)).update();
        events.publishEvent(new Escalated(caseNumber, deadlineName, department, level, at));
        String label = DeadlineService.label(deadlineName);
        String due = deadlines.format(deadline.targetAt());
        timeline.record(caseNumber, io.complaintflow.complaint.Actors.SYSTEM,
                level == 0 ? TimelineKind.REMINDED : TimelineKind.ESCALATED,
                level == 0 ? label + "即将超时（期限 " + due + "），已提醒" + group
                        : label + "已超时（期限 " + due + "），升级至 " + group + "（" + levelName(level) + "）", null);
        notifications.send(caseNumber, level == 0 ? "超时提醒" : "超时升级",
                templates.escalation(to, level, caseNumber, complaint.grade(), label, due, complaint.subject()));
        return breached;
    }

    private static String groupFor(int level, String department, List<Task> open) {
        return switch (level) {
            case 0 -> department != null ? Groups.department(department) : Groups.COMPLAINT_CENTER;
            case 1 -> department != null ? Groups.departmentLead(department) : Groups.COMPLAINT_CENTER_LEAD;
            case 2 -> Groups.COMPLAINT_MANAGERS;
            default -> Groups.EMERGENCY_GROUP;
        };
    }

    /** A reminder goes to the assignee when someone has claimed the work, else to the whole group. */
    private List<String> holdersOf(List<Task> open, String group) {
        List<String> assignees = open.stream().map(Task::getAssignee).filter(a -> a != null).distinct().toList();
        if (assignees.isEmpty()) {
            return recipients.ofGroup(group);
        }
        return assignees.stream().flatMap(a -> recipients.ofUser(a).stream()).toList();
    }

    static String levelName(int level) {
        return switch (level) {
            case 1 -> "一级";
            case 2 -> "二级";
            default -> "三级";
        };
    }

    public long count(String caseNumber, int minLevel) {
        return jdbc.sql("select count(*) from escalation where case_number = ? and level >= ?")
                .param(caseNumber).param(minLevel).query(Long.class).single();
    }
}
