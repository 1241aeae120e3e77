package io.complaintflow.crisis;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the approved statement as published. */
@PublishedForModels
@Component("crisisPublishStatement")
class PublishStatementDelegate implements JavaDelegate {

    private final CrisisService crises;
    private final CrisisFormsAdapter forms;

    PublishStatementDelegate(CrisisService crises, CrisisFormsAdapter forms) {
        this.crises = crises;
        this.forms = forms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long id = CrisisFormsAdapter.crisisId(execution);
        crises.published(id);
        forms.refresh(id, execution);
    }
}
