package io.complaintflow.sla;

import io.complaintflow.modelpolicy.PublishedForModels;
import static io.complaintflow.complaint.ComplaintProcess.RESOLVED_AT_INTAKE;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.CaseFileVariables;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Starts the complaint's clocks from the result of complaint-sla and hands their points to the timers:
 * first response, overall resolution and, for regulator cases, the reply to the regulator (the earlier of the
 * table's default and the regulator's own deadline).
 */
@PublishedForModels
@Component("startClocks")
public class StartClocksDelegate implements JavaDelegate {

    private final ClockService clocks;
    private final BusinessCalendar calendar;
    private final ComplaintRepository complaints;
    private final Timeline timeline;
    private final CaseFileVariables caseFile;

    public StartClocksDelegate(ClockService clocks, BusinessCalendar calendar, ComplaintRepository complaints,
                               Timeline timeline, CaseFileVariables caseFile) {
        this.clocks = clocks;
        this.calendar = calendar;
        this.complaints = complaints;
        this.timeline = timeline;
        this.caseFile = caseFile;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(DelegateExecution execution) {
        Map<String, Object> sla = (Map<String, Object>) execution.getVariable("slaResult");
        String caseNumber = execution.getBusinessKey();
        Complaint complaint = complaints.find(caseNumber).orElseThrow();

        Clock firstResponse = clocks.start(caseNumber, Clock.FIRST_RESPONSE, (String) sla.get("firstResponse"),
                complaint.createdAt());
        if (Boolean.TRUE.equals(execution.getVariable(RESOLVED_AT_INTAKE))) {
            firstResponse = clocks.stop(caseNumber, Clock.FIRST_RESPONSE).orElse(firstResponse);
        }
        Clock resolution = clocks.start(caseNumber, Clock.RESOLUTION, (String) sla.get("resolution"),
                complaint.createdAt());
        ClockTimers.expose(firstResponse, "firstResponse", execution);
        ClockTimers.expose(resolution, "resolution", execution);
        StringBuilder summary = new StringBuilder("处理期限：首次响应 ").append(clocks.format(firstResponse.targetAt()))
                .append("，整体解决 ").append(clocks.format(resolution.targetAt()));

        String replySpec = (String) sla.get("regulatorReply");
        if (complaint.regulator() != null && replySpec != null) {
            Instant byTable = calendar.plus(complaint.createdAt(), ClockDuration.parse(replySpec));
            Clock reply = complaint.regulatorDeadline() != null && complaint.regulatorDeadline().isBefore(byTable)
                    ? clocks.startUntil(caseNumber, Clock.REGULATOR_REPLY, replySpec, complaint.regulatorDeadline())
                    : clocks.start(caseNumber, Clock.REGULATOR_REPLY, replySpec, complaint.createdAt());
            ClockTimers.expose(reply, "regulatorReply", execution);
            summary.append("，监管答复 ").append(clocks.format(reply.targetAt()));
        }
        execution.setVariable("departmentSla", sla.get("departmentHandling"));
        execution.setVariable("callbackWait", sla.get("callbackWait"));
        execution.removeVariable("slaResult");
        timeline.record(caseNumber, Actors.SYSTEM, TimelineKind.DEADLINES, summary.toString(), null);
        caseFile.refresh(caseNumber, execution);
    }
}
