package io.complaintflow.campaign;

import static io.complaintflow.campaign.CampaignProcess.BACKLOG;

import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** The campaign model's expression for the backlog review ({@code ${campaignBacklog.cases(execution)}}). */
@PublishedForModels
@Component("campaignBacklog")
public class CampaignBacklogAdapter {

    /** The multi-instance collection of the backlog review. */
    public List<String> cases(DelegateExecution execution) {
        return FormValues.codes(execution.getVariable(BACKLOG));
    }
}
