package io.complaintflow.duplicate;

import io.complaintflow.complaint.CaseFileVariables;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@PublishedForModels
@Component("closeMerged")
class CloseMergedDelegate implements JavaDelegate, ExecutionListener {

    private final MergeService merges;
    private final CaseFileVariables caseFile;

    CloseMergedDelegate(MergeService merges, CaseFileVariables caseFile) {
        this.merges = merges;
        this.caseFile = caseFile;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String duplicate = execution.getBusinessKey();
        merges.closeMerged(duplicate);
        // only the ending lifecycle itself: its department parts are being cancelled in this same command
        execution.setVariables(caseFile.render(duplicate));
    }

    /** Generation 2: on the event subprocess's end event "已合并结案". */
    @Override
    public void notify(DelegateExecution execution) {
        execute(execution);
    }
}
