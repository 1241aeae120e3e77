package io.complaintflow.modelpolicy;

/**
 * A published bean whose models get a new copy at each use of its name: one the engine injects a task's
 * {@code camunda:field}s into, which a single shared instance would mix up between threads. A copy made here instead
 * of a Spring prototype: Spring creates a prototype through every bean post-processor each time (3 % of the intake
 * job's CPU for its two ladder tasks).
 */
public interface FreshForEachUse {

    /** A new instance of the published bean's own class, ready for the engine's field injection. */
    Object fresh();
}
