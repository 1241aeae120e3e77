package io.complaintflow.resolution;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.CaseFileAdapter;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The holder of the needed authority (compensation-authority) approves the compensation, or sends it back. */
@PublishedForModels
@Component("compensationDecided")
class CompensationApprovalListener implements TaskListener {

    private final Timeline timeline;
    private final CaseFileAdapter caseFile;
    private final Actors actors;

    CompensationApprovalListener(Timeline timeline, CaseFileAdapter caseFile, Actors actors) {
        this.timeline = timeline;
        this.caseFile = caseFile;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        String caseNumber = task.getExecution().getBusinessKey();
        boolean approved = "approve".equals(FormValues.requiredText(task.getVariable("compensationDecision"), "审批意见"));
        String note = FormValues.text(task.getVariable("approvalNote"));
        if (!approved && note == null) {
            throw FormValues.invalid("退回时请写明审批意见");
        }
        task.setVariable("compensationApproved", approved);
        timeline.record(caseNumber, actors.of(task.getAssignee()), TimelineKind.APPROVAL,
                approved ? "补偿金额已获批准" : "补偿金额未获批准，退回重新答复", note);
        caseFile.refresh(caseNumber, task);
    }
}
