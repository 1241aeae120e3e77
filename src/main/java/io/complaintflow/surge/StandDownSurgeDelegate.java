package io.complaintflow.surge;

import static io.complaintflow.surge.SurgeProcess.*;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Ends the activation and tells every called roster. */
@PublishedForModels
@Component("surgeStandDown")
class StandDownSurgeDelegate implements JavaDelegate {

    private final SurgeService surges;

    StandDownSurgeDelegate(SurgeService surges) {
        this.surges = surges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        surges.standDown(execution.getProcessBusinessKey(),
                CallSurgeLevelDelegate.number(execution, ACTIVATION_ID).longValue(),
                ReviewSurgeVolumeDelegate.instant(execution, CALM_SINCE),
                CallSurgeLevelDelegate.number(execution, CALLED_LEVEL).intValue());
    }
}
