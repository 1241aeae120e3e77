package io.complaintflow.surge;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the activation; refuses a second surge while one runs. */
@PublishedForModels
@Component("surgeRegister")
public class RegisterSurgeDelegate implements JavaDelegate {

    private final SurgeService surges;

    public RegisterSurgeDelegate(SurgeService surges) {
        this.surges = surges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        surges.register(execution);
    }
}
