package io.complaintflow.sla;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.CaseFileAdapter;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import io.complaintflow.security.Groups;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The center records its reply to the regulator (which stops the regulator deadline), or asks for more time: up to
 * 30 days needs complaint-managers, beyond that (at most 60) the emergency group.
 */
@PublishedForModels
@Component("regulatorReplied")
class RegulatorReplyListener implements TaskListener {

    private final DeadlineService deadlines;
    private final Timeline timeline;
    private final CaseFileAdapter caseFile;
    private final Actors actors;

    RegulatorReplyListener(DeadlineService deadlines, Timeline timeline, CaseFileAdapter caseFile, Actors actors) {
        this.deadlines = deadlines;
        this.timeline = timeline;
        this.caseFile = caseFile;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        String caseNumber = task.getExecution().getBusinessKey();
        String decision = FormValues.requiredText(task.getVariable("regulatorDecision"), "处理方式");
        if ("replied".equals(decision)) {
            deadlines.stop(caseNumber, Deadline.REGULATOR_REPLY);
            timeline.record(caseNumber, actors.of(task.getAssignee()), TimelineKind.REGULATOR_REPLIED, "已答复监管机构",
                    FormValues.requiredText(task.getVariable("regulatorReplyText"), "答复内容"));
        } else if ("extend".equals(decision)) {
            Integer days = FormValues.integer(task.getVariable("extensionDays"), "延长至（天）");
            if (days == null || days <= 15 || days > 60) {
                throw FormValues.invalid("延长至的天数须在 16 到 60 之间");
            }
            String reason = FormValues.requiredText(task.getVariable("extensionReason"), "延期理由");
            task.setVariable("extensionApprover", days <= 30 ? Groups.COMPLAINT_MANAGERS : Groups.EMERGENCY_GROUP);
            timeline.record(caseNumber, actors.of(task.getAssignee()), TimelineKind.EXTENSION,
                    "申请将监管答复期限延长至受理后 " + days + " 日", reason);
        } else {
            throw FormValues.invalid("处理方式须为 replied 或 extend");
        }
        caseFile.refresh(caseNumber, task);
    }
}
