package io.complaintflow.campaign;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Opens the year's campaign with its calendar (timer start on the configured date, or by hand). */
@PublishedForModels
@Component("openCampaign")
public class OpenCampaignDelegate implements JavaDelegate {

    private final CampaignService campaigns;

    public OpenCampaignDelegate(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        campaigns.open(execution);
    }
}
