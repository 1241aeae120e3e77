package io.complaintflow.campaign;

import static io.complaintflow.campaign.CampaignProcess.*;

import io.complaintflow.campaign.CampaignService.Opened;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Opens the year's campaign with its calendar (timer start on the configured date, or by hand). */
@PublishedForModels
@Component("openCampaign")
class OpenCampaignDelegate implements JavaDelegate {

    private final CampaignService campaigns;

    OpenCampaignDelegate(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Opened opened = campaigns.open(FormValues.integer(execution.getVariable(YEAR), "年度"),
                execution.getProcessBusinessKey(), execution.getProcessInstanceId(),
                FormValues.text(execution.getVariable(INITIATOR)));
        execution.setVariable(YEAR, opened.year());
        execution.setVariable(ALREADY_RUNNING, opened.alreadyRunning());
        if (opened.alreadyRunning()) {
            return;
        }
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey(opened.businessKey());
        }
        CampaignDates dates = opened.dates();
        execution.setVariable("preparationDueAt", Date.from(dates.preparationEnds()));
        execution.setVariable("battleStartsAt", Date.from(dates.battleStarts()));
        execution.setVariable("mediaWatchAt", Date.from(dates.mediaWatch()));
        execution.setVariable("mediaWatchDueAt", Date.from(dates.mediaWatch().plusSeconds(4 * 3600)));
        execution.setVariable("aftermathStartsAt", Date.from(dates.aftermathStarts()));
        execution.setVariable("aftermathEndsAt", Date.from(dates.aftermathEnds()));
        execution.setVariable(SUMMARY, campaigns.summary(opened.year()));
    }
}
