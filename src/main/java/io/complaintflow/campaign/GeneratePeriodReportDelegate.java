package io.complaintflow.campaign;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@PublishedForModels
@Component("generatePeriodReport")
public class GeneratePeriodReportDelegate implements JavaDelegate {

    private final CampaignReport report;

    public GeneratePeriodReportDelegate(CampaignReport report) {
        this.report = report;
    }

    @Override
    public void execute(DelegateExecution execution) {
        report.generate(execution);
    }
}
