package io.complaintflow.surge;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Calls the rosters of the new level(s) in by mail and records each level. */
@Component("surgeCallLevel")
public class CallSurgeLevelDelegate implements JavaDelegate {

    private final SurgeService surges;

    public CallSurgeLevelDelegate(SurgeService surges) {
        this.surges = surges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        surges.callLevel(execution);
    }
}
