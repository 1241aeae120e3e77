package io.complaintflow.campaign;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Hands the campaign's review over to PDCA and ends the campaign (its phase back to none). */
@PublishedForModels
@Component("handOverCampaign")
class HandOverCampaignDelegate implements JavaDelegate {

    private final CampaignReport report;

    HandOverCampaignDelegate(CampaignReport report) {
        this.report = report;
    }

    @Override
    public void execute(DelegateExecution execution) {
        report.handOver(((Number) execution.getVariable(CampaignProcess.YEAR)).intValue());
    }
}
