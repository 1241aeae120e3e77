package io.complaintflow.crisis;

import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The 3·15 media watch found the company exposed: declares a crisis from what the watcher wrote. */
@PublishedForModels
@Component("declareExposureCrisis")
class DeclareCrisisDelegate implements JavaDelegate {

    private final CrisisStarter starter;

    DeclareCrisisDelegate(CrisisStarter starter) {
        this.starter = starter;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Crisis crisis = starter.byHand(Crisis.CAMPAIGN, "3·15 曝光：" + execution.getVariable("campaignYear") + " 年",
                FormValues.text(execution.getVariable("exposureDetail")), "system");
        execution.setVariable("exposureCrisis", crisis.businessKey());
    }
}
