package io.complaintflow.campaign;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@PublishedForModels
@Component("collectBacklog")
public class CollectBacklogDelegate implements JavaDelegate {

    private final CampaignBacklog backlog;

    public CollectBacklogDelegate(CampaignBacklog backlog) {
        this.backlog = backlog;
    }

    @Override
    public void execute(DelegateExecution execution) {
        backlog.collect(execution);
    }
}
