package io.complaintflow.surge;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Calls the rosters of the new level(s) in by mail and records each level. */
@PublishedForModels
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
