package io.complaintflow.campaign;

import static io.complaintflow.campaign.CampaignProcess.*;

import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Preparation: the backlog's case numbers become the review's collection ({@code backlogCases}). */
@PublishedForModels
@Component("collectBacklog")
class CollectBacklogDelegate implements JavaDelegate {

    private final CampaignBacklog backlog;
    private final CampaignService campaigns;

    CollectBacklogDelegate(CampaignBacklog backlog, CampaignService campaigns) {
        this.backlog = backlog;
        this.campaigns = campaigns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int year = ((Number) execution.getVariable(YEAR)).intValue();
        execution.setVariable(BACKLOG, FormValues.jsonList(backlog.collect(year)));
        execution.setVariable(SUMMARY, campaigns.summary(year));
    }
}
