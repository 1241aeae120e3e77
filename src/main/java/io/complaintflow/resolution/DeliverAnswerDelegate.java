package io.complaintflow.resolution;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@PublishedForModels
@Component("deliverAnswer")
public class DeliverAnswerDelegate implements JavaDelegate {

    private final ResolutionService resolution;

    public DeliverAnswerDelegate(ResolutionService resolution) {
        this.resolution = resolution;
    }

    @Override
    public void execute(DelegateExecution execution) {
        resolution.deliver(execution.getBusinessKey(), execution);
    }
}
