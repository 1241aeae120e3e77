package io.complaintflow.resolution;

import io.complaintflow.complaint.CaseFileAdapter;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@PublishedForModels
@Component("deliverAnswer")
class DeliverAnswerDelegate implements JavaDelegate {

    private final ResolutionService resolution;
    private final CaseFileAdapter caseFile;

    DeliverAnswerDelegate(ResolutionService resolution, CaseFileAdapter caseFile) {
        this.resolution = resolution;
        this.caseFile = caseFile;
    }

    @Override
    public void execute(DelegateExecution execution) {
        resolution.deliver(execution.getBusinessKey());
        caseFile.refresh(execution.getBusinessKey(), execution);
    }
}
