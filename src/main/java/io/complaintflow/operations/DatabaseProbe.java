package io.complaintflow.operations;

/** Whether the database answers now, asked over a connection of its own (a busy pool is not an absent database). */
@FunctionalInterface
public interface DatabaseProbe {

    boolean reachable();
}
