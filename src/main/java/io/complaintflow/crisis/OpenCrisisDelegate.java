package io.complaintflow.crisis;

import static io.complaintflow.crisis.CrisisProcess.*;

import io.complaintflow.crisis.CrisisService.CrisisRequest;
import io.complaintflow.crisis.CrisisService.Opened;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the crisis and calls the emergency group's commander. */
@PublishedForModels
@Component("crisisOpen")
class OpenCrisisDelegate implements JavaDelegate {

    private final CrisisService crises;
    private final CrisisFormsAdapter forms;

    OpenCrisisDelegate(CrisisService crises, CrisisFormsAdapter forms) {
        this.crises = crises;
        this.forms = forms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object title = execution.getVariable(TITLE);
        Object incident = execution.getVariable(MASS_INCIDENT_ID);
        Opened opened = crises.open(new CrisisRequest(execution.getProcessInstanceId(),
                execution.getProcessBusinessKey(), text(execution, SOURCE), text(execution, CASE_NUMBER),
                title == null ? null : title.toString(), incident == null ? null : ((Number) incident).longValue(),
                text(execution, INITIATOR), text(execution, DESCRIPTION)));
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey(opened.businessKey());
        }
        execution.setVariable(CRISIS_ID, opened.id());
        execution.setVariable(HAS_CUSTOMER, opened.hasCustomer());
        CrisisFormsAdapter.called(execution, opened.call());
        forms.refresh(opened.id(), execution);
    }

    private static String text(DelegateExecution execution, String name) {
        return FormValues.text(execution.getVariable(name));
    }
}
