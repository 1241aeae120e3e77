package io.complaintflow.campaign;

import static io.complaintflow.campaign.CampaignProcess.*;

import io.complaintflow.campaign.CampaignReport.Generated;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@PublishedForModels
@Component("generatePeriodReport")
class GeneratePeriodReportDelegate implements JavaDelegate {

    private final CampaignReport report;
    private final CampaignService campaigns;

    GeneratePeriodReportDelegate(CampaignReport report, CampaignService campaigns) {
        this.report = report;
        this.campaigns = campaigns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int year = ((Number) execution.getVariable(YEAR)).intValue();
        Generated generated = report.generate(year);
        execution.setVariable(REPORT_LINK, generated.links());
        execution.setVariable(REPORT_FIGURES, generated.figures());
        execution.setVariable(SUMMARY, campaigns.summary(year));
    }
}
