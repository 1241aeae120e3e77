package io.complaintflow.intake;

import static io.complaintflow.complaint.ComplaintProcess.*;

import io.complaintflow.assist.TextAssistance;
import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Channel;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.complaint.ComplaintViews;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.mass.MassIncident;
import io.complaintflow.mass.MassIncidentService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts a complaint: stores the record and its first timeline entries and starts its lifecycle, all in
 * one transaction — a 2xx means these are committed. Grading, routing, deadlines, the first tasks and the
 * customer's acknowledgement follow in the job executor (complaint-handling is asynchronous before
 * {@code Task_GradeComplaint}), retried there and an incident if they keep failing; the answer lists them as pending.
 */
@Service
public class IntakeService {

    private final ComplaintRequestValidator validator;
    private final ComplaintRepository complaints;
    private final CaseNumberGenerator caseNumbers;
    private final Timeline timeline;
    private final ComplaintViews views;
    private final RuntimeService runtime;
    private final BusinessClock clock;
    private final Duration repeatWindow;
    private final MassIncidentService massIncidents;
    private final TextAssistance assistance;
    private final TransactionTemplate transaction;

    public IntakeService(PlatformTransactionManager transactions, ComplaintRequestValidator validator, ComplaintRepository complaints,
                         CaseNumberGenerator caseNumbers, Timeline timeline,
                         ComplaintViews views, RuntimeService runtime, BusinessClock clock,
                         MassIncidentService massIncidents, TextAssistance assistance,
                         IntakeProperties settings) {
        this.validator = validator;
        this.complaints = complaints;
        this.caseNumbers = caseNumbers;
        this.timeline = timeline;
        this.views = views;
        this.runtime = runtime;
        this.clock = clock;
        this.repeatWindow = settings.repeatWindow();
        this.massIncidents = massIncidents;
        this.assistance = assistance;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * The case number is taken before the intake's transaction begins: it moves in a short transaction of its own,
     * and taking it inside would make every request hold two pooled connections at once — under load all
     * connections end up held by requests waiting for a second one (found by bench/, issue #10).
     */
    public IntakeResult accept(ComplaintRequest request, String actor) {
        NewComplaint c = validator.validate(request);
        if (c.externalRef() != null) {
            var existing = complaints.findByExternalRef(c.channel(), c.externalRef());
            if (existing.isPresent()) {
                return new IntakeResult(views.of(existing.get()), false,
                        assistance.recorded(existing.get().caseNumber()).orElse(null));
            }
        }
        String caseNumber = caseNumbers.next();
        return transaction.execute(status -> store(c, caseNumber, actor));
    }

    private IntakeResult store(NewComplaint c, String caseNumber, String actor) {
        Instant now = clock.now();
        List<String> earlier = complaints.recentCaseNumbersOfCustomer(
                c.customer().customerId(), c.customer().phone(), now.minus(repeatWindow));
        String repeatOf = earlier.isEmpty() ? null : earlier.get(0);

        complaints.insert(new Complaint(caseNumber, c.channel(), c.externalRef(), c.regulator(),
                c.regulatorDeadline(), c.customer(), c.category(), c.product(), c.subject(), c.description(),
                c.amountClaimed(), c.occurredAt(), c.resolvedAtIntake(), ComplaintStatus.ACCEPTED, null,
                earlier.size(), repeatOf, 0, 0, 0, c.resolvedAtIntake() ? c.resolution() : null, null, null,
                now, now, null));
        timeline.record(caseNumber, actor, TimelineKind.ACCEPTED,
                "经" + Coded.labelOf(Channel.class, c.channel()) + "渠道受理投诉", c.subject());
        if (repeatOf != null) {
            timeline.record(caseNumber, Actors.SYSTEM, TimelineKind.REPEAT_LINKED,
                    "30 天内重复投诉（第 " + (earlier.size() + 1) + " 次），关联 " + repeatOf, null);
            timeline.record(repeatOf, Actors.SYSTEM, TimelineKind.REPEAT_LINKED,
                    "同一客户再次投诉：" + caseNumber, null);
        }
        if (c.resolvedAtIntake()) {
            timeline.record(caseNumber, actor, TimelineKind.ANSWERED, "首问解决，坐席当场答复", c.resolution());
        }
        Optional<MassIncident> incident = massIncidents.onIntake(caseNumber);
        TextAssistance.Assisted assisted = assistance.onIntake(caseNumber, c.text());

        // what the decision tables read comes from the record when they run (triage/DecisionInputsListener); the answer
        // script and similar closed complaints the handlers read in the 案卷 tab's 参考 section, the closure's root-cause
        // options its tasks take when created — none of them here
        VariableMap variables = Variables.createVariables()
                .putValue(CASE_NUMBER, caseNumber)
                .putValue(CHANNEL, c.channel());
        // only what there is: an absent variable is no row and no history (the answer form hides the incident then)
        incident.ifPresent(i -> variables.putValue(MassIncidentService.LABEL, i.label()));
        if (c.resolvedAtIntake()) {
            variables.putValue(ANSWER, c.resolution());
        }
        runtime.createProcessInstanceByKey(ComplaintProcess.KEY)
                .businessKey(caseNumber)
                .setVariables(variables)
                .execute();
        return new IntakeResult(views.ofAccepted(complaints.find(caseNumber).orElseThrow()), true,
                assisted.suggestion());
    }

    @Transactional(readOnly = true)
    public IntakeResult existing(ComplaintRequest request) {
        return complaints.findByExternalRef(request.channel(), request.externalRef())
                .map(c -> new IntakeResult(views.of(c), false, assistance.recorded(c.caseNumber()).orElse(null)))
                .orElseThrow();
    }

}
