package io.complaintflow.security;

import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * A rule the engine applies to a command a caller issues (REST, webapps, Java API) before the command runs:
 * it throws to refuse, and nothing of the command happens. Commands the engine or the application issues
 * inside another command are not seen; whether a check applies to unauthenticated (system) callers is the
 * guard's choice.
 */
public interface CommandGuard {

    boolean guards(Command<?> command);

    /** {@code caller} is the engine's current authentication, or null when the application itself calls. */
    void check(Command<?> command, CommandContext context, Authentication caller);
}
