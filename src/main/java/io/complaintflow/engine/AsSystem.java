package io.complaintflow.engine;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs housekeeping the application does on its own behalf (after-commit refreshes, for instance) without the
 * signed-in user's engine authentication: the user may start a process without being allowed to read it, and the
 * engine's authorizations would otherwise hide from the application what it just created.
 */
public final class AsSystem {

    private AsSystem() {
    }

    public static void run(IdentityService identity, Runnable work) {
        Authentication user = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            work.run();
        } finally {
            if (user != null) {
                identity.setAuthentication(user);
            }
        }
    }
}
