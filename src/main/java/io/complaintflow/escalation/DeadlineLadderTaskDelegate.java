package io.complaintflow.escalation;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.modelpolicy.FreshForEachUse;
import io.complaintflow.modelpolicy.PublishedForModels;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineTimers;
import io.complaintflow.sla.LadderWatch;
import java.util.List;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.bpmn.behavior.BpmnActivityBehavior;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityBehavior;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.springframework.stereotype.Component;

/**
 * Generation 3's deadline ladder: the service task 时限阶梯 of a caller, {@code camunda:delegateExpression=
 * "${deadlineLadderTask}"} with the field {@code clocks} (the deadlines it watches, comma-separated). It is the task's
 * behavior (the engine runs an {@link ActivityBehavior} delegate as the behavior and does not leave the task): entering,
 * it arms the ladder's one job for the next step of its deadlines and waits; {@link DeadlineLadderJobDelegate} takes
 * the steps and leaves the task when nothing is left to watch. Nothing to watch at all: it leaves at once.
 * <p>
 * A new copy for each use ({@link FreshForEachUse}): the engine injects the field into the object the expression
 * returns, on every call, and one shared instance would see the fields of the ladders other threads enter.
 */
@PublishedForModels
@Component("deadlineLadderTask")
class DeadlineLadderTaskDelegate implements ActivityBehavior, FreshForEachUse {

    private final DeadlineTimers timers;
    private final BusinessClock now;

    /** Injected by the engine from {@code <camunda:field name="clocks">}. */
    private Expression clocks;

    DeadlineLadderTaskDelegate(DeadlineTimers timers, BusinessClock now) {
        this.timers = timers;
        this.now = now;
    }

    @Override
    public DeadlineLadderTaskDelegate fresh() {
        return new DeadlineLadderTaskDelegate(timers, now);
    }

    @Override
    public void execute(ActivityExecution execution) {
        if (clocks == null) {
            throw new IllegalStateException(execution.getCurrentActivityId() + ": the ladder task needs the field clocks");
        }
        LadderWatch watch = new LadderWatch(execution.getProcessBusinessKey(),
                DeadlineTimers.watched(String.valueOf(clocks.getValue(execution))));
        List<Deadline> watched = timers.of(watch.caseNumber(), watch.deadlines());
        if (DeadlineTimers.climbing(watched)) {
            DeadlineLadderJobDelegate.arm((ExecutionEntity) execution, watch, DeadlineTimers.nextAt(watched, now.now()));
        } else {
            new BpmnActivityBehavior().performDefaultOutgoingBehavior(execution);
        }
    }
}
