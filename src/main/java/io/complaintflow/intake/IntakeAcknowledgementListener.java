package io.complaintflow.intake;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** After complaint-sla on intake: the customer's acknowledgement, now that the resolution deadline is known. */
@PublishedForModels
@Component("intakeAcknowledgement")
class IntakeAcknowledgementListener implements ExecutionListener {

    private final Acknowledgement acknowledgement;

    public IntakeAcknowledgementListener(Acknowledgement acknowledgement) {
        this.acknowledgement = acknowledgement;
    }

    @Override
    public void notify(DelegateExecution execution) {
        acknowledgement.send(execution.getBusinessKey());
    }
}
