package io.complaintflow.crisis;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the approved statement as published. */
@PublishedForModels
@Component("crisisPublishStatement")
public class PublishStatementDelegate implements JavaDelegate {

    private final CrisisService crises;

    public PublishStatementDelegate(CrisisService crises) {
        this.crises = crises;
    }

    @Override
    public void execute(DelegateExecution execution) {
        crises.published(execution);
    }
}
