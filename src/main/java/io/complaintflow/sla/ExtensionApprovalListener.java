package io.complaintflow.sla;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.CaseFileAdapter;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.engine.FormValues;
import io.complaintflow.engine.ModelGeneration;
import io.complaintflow.modelpolicy.PublishedForModels;
import io.complaintflow.notification.MailTemplates;
import io.complaintflow.notification.NotificationService;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Approval of a regulator-deadline extension: the deadline moves, its ladder steps back and re-arms
 * ({@link DeadlineService#extend}), the customer is told.
 */
@PublishedForModels
@Component("extensionDecided")
class ExtensionApprovalListener implements TaskListener {

    private final DeadlineService deadlines;
    private final BusinessCalendar calendar;
    private final ComplaintRepository complaints;
    private final NotificationService notifications;
    private final MailTemplates templates;
    private final Timeline timeline;
    private final CaseFileAdapter caseFile;
    private final Actors actors;

    ExtensionApprovalListener(DeadlineService deadlines, BusinessCalendar calendar,
                              ComplaintRepository complaints, NotificationService notifications,
                              MailTemplates templates, Timeline timeline, CaseFileAdapter caseFile,
                              Actors actors) {
        this.deadlines = deadlines;
        this.calendar = calendar;
        this.complaints = complaints;
        this.notifications = notifications;
        this.templates = templates;
        this.timeline = timeline;
        this.caseFile = caseFile;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        String caseNumber = task.getExecution().getBusinessKey();
        boolean approved = "approve".equals(FormValues.requiredText(task.getVariable("extensionDecision"), "审批意见"));
        task.setVariable("extensionApproved", approved);
        if (!approved) {
            timeline.record(caseNumber, actors.of(task.getAssignee()), TimelineKind.APPROVAL, "延期申请未获批准",
                    FormValues.text(task.getVariable("approvalNote")));
            caseFile.refresh(caseNumber, task);
            return;
        }
        int days = FormValues.integer(task.getVariable("extensionDays"), "延长至（天）");
        String reason = FormValues.text(task.getVariable("extensionReason"));
        Complaint complaint = complaints.find(caseNumber).orElseThrow();
        Instant target = calendar.plus(complaint.createdAt(), DeadlineDuration.parse("cal:P" + days + "D"));
        Deadline deadline = deadlines.extend(caseNumber, Deadline.REGULATOR_REPLY, target, reason);
        if (ModelGeneration.boundaryTimers(task.getExecution())) {
            task.setVariables(DeadlineTimers.points(deadline, "regulatorReply"));
        }
        timeline.record(caseNumber, actors.of(task.getAssignee()), TimelineKind.EXTENSION,
                "批准延期：监管答复期限延至 " + deadlines.format(target), FormValues.text(task.getVariable("approvalNote")));
        List<String> to = complaint.customer().email() == null ? List.of() : List.of(complaint.customer().email());
        notifications.send(caseNumber, "延期通知",
                templates.extension(to, complaint.customer().name(), caseNumber, deadlines.format(target), reason));
        caseFile.refresh(caseNumber, task);
    }
}
