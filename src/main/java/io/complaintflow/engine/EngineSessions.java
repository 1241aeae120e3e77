package io.complaintflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/** Puts a session of our own in place of one of the engine's, for every command (a plugin's {@code preInit}). */
public final class EngineSessions {

    private EngineSessions() {
    }

    public static void replace(ProcessEngineConfigurationImpl configuration, Class<?> type,
                               Supplier<? extends Session> opener) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        // custom session factories are registered after the engine's own, so a factory of the same type replaces it
        factories.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return type;
            }

            @Override
            public Session openSession() {
                return opener.get();
            }
        });
        configuration.setCustomSessionFactories(factories);
    }
}
