package io.complaintflow.escalation;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What the deadline-ladder model's expressions call on the bean {@code deadlineLadder}:
 * {@code ${deadlineLadder.watching(execution)}} (the gateway) and {@code ${deadlineLadder.nextAt(execution)}} (its one
 * timer). The expression language invokes a method only through a public type; this interface is that type, so the
 * delegate behind the bean stays package-private like every other (ArchitectureTest, rule 4). The bean keeps its name
 * and its methods: every version of the ladder deployed so far calls them.
 */
public interface DeadlineLadderAdapter {

    /** The watched deadlines still have a step of the ladder to take (paused ones included). */
    boolean watching(DelegateExecution execution);

    /** When the next step of the watched deadlines is due (parked far ahead while they all stand still). */
    Date nextAt(DelegateExecution execution);
}
