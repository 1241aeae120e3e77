package io.complaintflow.crisis;

import static io.complaintflow.crisis.CrisisProcess.COMMAND_LEVEL;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The commander did not acknowledge in time: calls the next level. */
@PublishedForModels
@Component("crisisCallNextLevel")
class CallNextCommandLevelDelegate implements JavaDelegate {

    private final CrisisService crises;
    private final CrisisFormsAdapter forms;

    CallNextCommandLevelDelegate(CrisisService crises, CrisisFormsAdapter forms) {
        this.crises = crises;
        this.forms = forms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long id = CrisisFormsAdapter.crisisId(execution);
        CrisisFormsAdapter.called(execution, crises.callNextLevel(id,
                ((Number) execution.getVariable(COMMAND_LEVEL)).intValue(), execution.getProcessBusinessKey()));
        forms.refresh(id, execution);
    }
}
