package io.complaintflow.crisis;

import io.complaintflow.complaint.Actors;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The lifecycle's G4 branch: starts crisis-response for the complaint (or its mass incident), once. */
@PublishedForModels
@Component("startCrisisResponse")
class StartCrisisResponseDelegate implements JavaDelegate {

    private final CrisisStarter starter;

    StartCrisisResponseDelegate(CrisisStarter starter) {
        this.starter = starter;
    }

    @Override
    public void execute(DelegateExecution execution) {
        starter.forComplaint(execution.getProcessBusinessKey(), Actors.SYSTEM);
    }
}
