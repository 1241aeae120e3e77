package io.complaintflow.escalation;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.modelpolicy.PublishedForModels;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineTimers;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * processes/deadline-ladder.bpmn: whether its deadlines still have a step to take (gateway), when the next one is due
 * (its one timer), and taking the steps that are due (the task). The deadlines it watches come from the calling
 * process ({@code clocks}); the tasks that escalated groups join are those of the calling process.
 * <p>
 * The model's expressions call {@link #watching} and {@link #nextAt} through the public {@link DeadlineLadderAdapter}
 * (the expression language invokes methods of public types only); the class itself is package-private.
 */
@PublishedForModels
@Component("deadlineLadder")
class DeadlineLadderDelegate implements JavaDelegate, DeadlineLadderAdapter {

    private final EscalationService escalations;
    private final DeadlineTimers timers;
    private final BusinessClock now;

    DeadlineLadderDelegate(EscalationService escalations, DeadlineTimers timers, BusinessClock now) {
        this.escalations = escalations;
        this.timers = timers;
        this.now = now;
    }

    @Override
    public boolean watching(DelegateExecution execution) {
        return DeadlineTimers.climbing(watched(execution));
    }

    @Override
    public Date nextAt(DelegateExecution execution) {
        return Date.from(DeadlineTimers.nextAt(watched(execution), now.now()));
    }

    @Override
    public void execute(DelegateExecution execution) {
        DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
        EscalationService.Step step = escalations.step(execution.getBusinessKey(), deadlines(execution),
                caller == null ? execution.getProcessInstanceId() : caller.getProcessInstanceId());
        // the gateway and the next timer after the step decide from these, in this transaction
        StepsInHand.keep(execution.getProcessInstanceId(), step.watched());
    }

    /** The watched deadlines: as a step of this transaction left them, else as stored. */
    private List<Deadline> watched(DelegateExecution execution) {
        List<Deadline> inHand = StepsInHand.of(execution.getProcessInstanceId());
        return inHand != null ? inHand : timers.of(execution.getBusinessKey(), deadlines(execution));
    }

    private static List<String> deadlines(DelegateExecution execution) {
        return DeadlineTimers.watched((String) execution.getVariable(DeadlineTimers.CLOCKS));
    }
}
