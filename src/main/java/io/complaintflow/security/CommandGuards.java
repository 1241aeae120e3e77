package io.complaintflow.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Puts every {@link CommandGuard} in front of the engine's own command chain, so a rule holds for each way in:
 * {@code /engine-rest}, Tasklist and Cockpit (the webapps call the same engine), and Java.
 */
@Component
public class CommandGuards extends AbstractProcessEnginePlugin {

    private final ObjectProvider<CommandGuard> guards;
    /** Resolved on first use, when the application context is complete; the guards are singletons. */
    private volatile List<CommandGuard> resolved;

    public CommandGuards(ObjectProvider<CommandGuard> guards) {
        this.guards = guards;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new Interceptor(configuration));
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    /** Whether the caller is an administrator in the engine's sense (its admin groups and users). */
    public static boolean isAdmin(Authentication caller, ProcessEngineConfigurationImpl configuration) {
        if (caller == null) {
            return false;
        }
        if (configuration.getAdminUsers() != null && configuration.getAdminUsers().contains(caller.getUserId())) {
            return true;
        }
        List<String> adminGroups = configuration.getAdminGroups() == null ? List.of(Groups.ADMIN)
                : configuration.getAdminGroups();
        return caller.getGroupIds() != null && caller.getGroupIds().stream().anyMatch(adminGroups::contains);
    }

    private final class Interceptor extends CommandInterceptor {

        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            if (Context.getCommandContext() != null) {
                return next.execute(command); // issued by a running command (listener, delegate): its caller was checked
            }
            List<CommandGuard> all = resolved;
            if (all == null) {
                all = guards.orderedStream().toList();
                resolved = all;
            }
            List<CommandGuard> applicable = all.stream().filter(g -> g.guards(command)).toList();
            if (applicable.isEmpty()) {
                return next.execute(command);
            }
            Authentication caller = configuration.getIdentityService().getCurrentAuthentication();
            return next.execute(new Guarded<>(command, applicable, caller));
        }
    }

    private record Guarded<T>(Command<T> command, List<CommandGuard> guards, Authentication caller)
            implements Command<T> {

        @Override
        public T execute(CommandContext context) {
            for (CommandGuard guard : guards) {
                guard.check(command, context, caller);
            }
            return command.execute(context);
        }
    }
}
