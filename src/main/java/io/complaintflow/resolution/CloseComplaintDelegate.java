package io.complaintflow.resolution;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.CaseFileAdapter;
import io.complaintflow.modelpolicy.PublishedForModels;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@PublishedForModels
@Component("closeComplaint")
class CloseComplaintDelegate implements JavaDelegate {

    private final ResolutionService resolution;
    private final CaseFileAdapter caseFile;

    CloseComplaintDelegate(ResolutionService resolution, CaseFileAdapter caseFile) {
        this.resolution = resolution;
        this.caseFile = caseFile;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseNumber = execution.getBusinessKey();
        Instant callbackDue = resolution.close(caseNumber, (String) execution.getVariable("callbackWait"),
                Actors.SYSTEM);
        caseFile.refresh(caseNumber, execution);
        execution.setVariable("callbackDueAt", Date.from(callbackDue));
    }
}
