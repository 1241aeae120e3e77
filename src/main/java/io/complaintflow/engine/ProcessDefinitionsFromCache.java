package io.complaintflow.engine;

import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInvocationContext;

/**
 * A handler's poll (the task query, which names each task's form key) and claim take the process definition from
 * the node's deployment cache instead of reading its row first. The engine reads the row on every
 * {@code findDeployedProcessDefinitionById} of a command only to refresh what another node may have changed in it:
 * suspension, history time to live, revision. Neither command reads those: a claim and a submission refuse a
 * suspended task by the task's own row ({@code TaskEntity.ensureTaskActive}), which suspending a definition with its
 * instances writes, and a definition suspended without its instances stops new instances only (the start, the
 * message and signal starts, the call activity), whose commands read the row as before — on every node.
 * <p>
 * Only these two commands, by their exact class, and only while the cache holds the definition; a command nested in
 * them is its own command and reads the row.
 */
final class ProcessDefinitionsFromCache {

    private ProcessDefinitionsFromCache() {
    }

    /** Look-ups answered without the row (tests). */
    static final AtomicLong SERVED = new AtomicLong();

    /** Whether the command now running never reads the mutable part of a process definition. */
    static boolean rowNotNeeded() {
        CommandInvocationContext invocation = Context.getCommandInvocationContext();
        if (invocation == null) {
            return false;
        }
        Command<?> command = invocation.getCommand();
        return command != null && (command.getClass() == ClaimTaskCmd.class || command.getClass() == TaskQueryImpl.class);
    }
}
