package io.complaintflow.sla;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.modelpolicy.PublishedForModels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * After complaint-sla: starts the complaint's deadlines — first response, overall resolution and, for regulator
 * cases, the reply to the regulator (the earlier of the table's default and the regulator's own deadline). The
 * deadline ladders read the deadlines themselves; what later steps need of the table (a department's time, the
 * callback wait) stays in two variables.
 */
@PublishedForModels
@Component("deadlinesDecided")
class DeadlinesDecidedListener implements ExecutionListener {

    private final DeadlineService deadlines;
    private final BusinessCalendar calendar;
    private final ComplaintRepository complaints;
    private final Timeline timeline;

    DeadlinesDecidedListener(DeadlineService deadlines, BusinessCalendar calendar, ComplaintRepository complaints,
                             Timeline timeline) {
        this.deadlines = deadlines;
        this.calendar = calendar;
        this.complaints = complaints;
        this.timeline = timeline;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Map<String, Object> sla = ((DmnDecisionResult) execution.getVariableLocal("decisionResult")).getSingleResult()
                .getEntryMap();
        String caseNumber = execution.getBusinessKey();
        Complaint complaint = complaints.find(caseNumber).orElseThrow();

        List<DeadlineRepository.Start> starts = new ArrayList<>(List.of(
                deadlines.plan(Deadline.FIRST_RESPONSE, (String) sla.get("firstResponse"), complaint.createdAt()),
                deadlines.plan(Deadline.RESOLUTION, (String) sla.get("resolution"), complaint.createdAt())));
        String replySpec = (String) sla.get("regulatorReply");
        if (complaint.regulator() != null && replySpec != null) {
            Instant byTable = calendar.plus(complaint.createdAt(), DeadlineDuration.parse(replySpec));
            starts.add(complaint.regulatorDeadline() != null && complaint.regulatorDeadline().isBefore(byTable)
                    ? deadlines.planUntil(Deadline.REGULATOR_REPLY, replySpec, complaint.regulatorDeadline())
                    : deadlines.plan(Deadline.REGULATOR_REPLY, replySpec, complaint.createdAt()));
        }
        List<Deadline> started = deadlines.start(caseNumber, starts); // one statement on PostgreSQL
        Deadline firstResponse = started.get(0);
        if (complaint.resolvedAtIntake()) {
            firstResponse = deadlines.stop(caseNumber, Deadline.FIRST_RESPONSE).orElse(firstResponse);
        }
        StringBuilder summary = new StringBuilder("处理期限：首次响应 ").append(deadlines.format(firstResponse.targetAt()))
                .append("，整体解决 ").append(deadlines.format(started.get(1).targetAt()));
        if (started.size() > 2) {
            summary.append("，监管答复 ").append(deadlines.format(started.get(2).targetAt()));
        }
        execution.setVariable("departmentSla", sla.get("departmentHandling"));
        execution.setVariable("callbackWait", sla.get("callbackWait"));
        timeline.record(caseNumber, Actors.SYSTEM, TimelineKind.DEADLINES, summary.toString(), null);
    }
}
