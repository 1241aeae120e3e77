package io.complaintflow.escalation;

import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.complaint.Grade;
import io.complaintflow.modelpolicy.PublishedForModels;
import io.complaintflow.sla.Deadline;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Behind every reminder and escalation step of the models. Input parameters: {@code clock} (FIRST_RESPONSE,
 * RESOLUTION, REGULATOR_REPLY or "department" for this instance's department) and {@code level} (0–3).
 */
@PublishedForModels
@Component("escalation")
class EscalationDelegate implements JavaDelegate {

    private final EscalationService escalations;

    EscalationDelegate(EscalationService escalations) {
        this.escalations = escalations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String deadline = (String) execution.getVariableLocal("clock");
        if ("department".equals(deadline)) {
            deadline = Deadline.department((String) execution.getVariable("department"));
        }
        int level = Integer.parseInt(String.valueOf(execution.getVariableLocal("level")));
        escalations.escalate(execution.getBusinessKey(), deadline, level, execution.getProcessInstanceId());
        // the models' "G3/G4?" gateways after a step read the recorded grade, whatever the variable said
        Grade grade = escalations.recordedGrade(execution.getBusinessKey());
        if (grade != null) {
            execution.setVariable(ComplaintProcess.GRADE, grade.code());
        }
    }
}
