package io.complaintflow.surge;

import static io.complaintflow.surge.SurgeProcess.*;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Calls the rosters of the new level(s) in by mail and records each level. */
@PublishedForModels
@Component("surgeCallLevel")
class CallSurgeLevelDelegate implements JavaDelegate {

    private final SurgeService surges;

    CallSurgeLevelDelegate(SurgeService surges) {
        this.surges = surges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long id = number(execution, ACTIVATION_ID).longValue();
        int called = surges.callLevel(execution.getProcessBusinessKey(), id, number(execution, LEVEL).intValue(),
                number(execution, CALLED_LEVEL).intValue(), (String) execution.getVariable(REASON));
        execution.setVariable(CALLED_LEVEL, called);
        execution.setVariable(SUMMARY, surges.summary(id));
    }

    static Number number(DelegateExecution execution, String name) {
        return (Number) execution.getVariable(name);
    }
}
