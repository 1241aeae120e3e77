package io.complaintflow.resolution;

import io.complaintflow.complaint.Actors;
import io.complaintflow.modelpolicy.PublishedForModels;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@PublishedForModels
@Component("closeComplaint")
public class CloseComplaintDelegate implements JavaDelegate {

    private final ResolutionService resolution;

    public CloseComplaintDelegate(ResolutionService resolution) {
        this.resolution = resolution;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant callbackDue = resolution.close(execution.getBusinessKey(),
                (String) execution.getVariable("callbackWait"), Actors.SYSTEM, execution);
        execution.setVariable("callbackDueAt", Date.from(callbackDue));
    }
}
