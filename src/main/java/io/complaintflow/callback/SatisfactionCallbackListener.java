package io.complaintflow.callback;

import static io.complaintflow.complaint.ComplaintProcess.SATISFIED;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.CaseFileAdapter;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

@PublishedForModels
@Component("callbackDone")
class SatisfactionCallbackListener implements TaskListener {

    private final CallbackService callbacks;
    private final Actors actors;
    private final CaseFileAdapter caseFile;

    SatisfactionCallbackListener(CallbackService callbacks, Actors actors, CaseFileAdapter caseFile) {
        this.callbacks = callbacks;
        this.actors = actors;
        this.caseFile = caseFile;
    }

    @Override
    public void notify(DelegateTask task) {
        Integer score = FormValues.integer(task.getVariable("satisfactionScore"), "满意度评分");
        if (score == null || score < 1 || score > 5) {
            throw FormValues.invalid("满意度评分须为 1 到 5 分");
        }
        String resolved = FormValues.requiredText(task.getVariable("problemResolved"), "问题是否解决");
        String caseNumber = task.getExecution().getBusinessKey();
        boolean satisfied = callbacks.recordCallback(caseNumber, score, "yes".equals(resolved),
                FormValues.text(task.getVariable("callbackNote")), actors.of(task.getAssignee()));
        caseFile.refresh(caseNumber, task);
        task.setVariable(SATISFIED, satisfied);
    }
}
