package io.complaintflow.duplicate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("closeMerged")
public class CloseMergedDelegate implements JavaDelegate, ExecutionListener {

    private final MergeService merges;

    public CloseMergedDelegate(MergeService merges) {
        this.merges = merges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        merges.closeMerged(execution.getBusinessKey(), execution);
    }

    /** Generation 2: on the event subprocess's end event "已合并结案". */
    @Override
    public void notify(DelegateExecution execution) {
        execute(execution);
    }
}
