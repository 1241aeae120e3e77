package io.complaintflow.campaign;

import static io.complaintflow.campaign.CampaignProcess.SUMMARY;
import static io.complaintflow.campaign.CampaignProcess.YEAR;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Moves the campaign into the phase named by the step's input parameter {@code phase}. */
@PublishedForModels
@Component("campaignPhaseChange")
class CampaignPhaseDelegate implements JavaDelegate {

    private final CampaignService campaigns;

    CampaignPhaseDelegate(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int year = ((Number) execution.getVariable(YEAR)).intValue();
        campaigns.changePhase(year, (String) execution.getVariableLocal("phase"));
        execution.setVariable(SUMMARY, campaigns.summary(year));
    }
}
