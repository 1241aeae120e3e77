package io.complaintflow.duplicate;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@PublishedForModels
@Component("closeMerged")
public class CloseMergedDelegate implements JavaDelegate {

    private final MergeService merges;

    public CloseMergedDelegate(MergeService merges) {
        this.merges = merges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        merges.closeMerged(execution.getBusinessKey(), execution);
    }
}
