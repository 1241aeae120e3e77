package io.complaintflow.complaint;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Who did it: the signed-in user, else the task's assignee, else the caller of /api, else the system itself. */
@Component
public class Actors {

    public static final String SYSTEM = "system";

    private final IdentityService identity;

    public Actors(IdentityService identity) {
        this.identity = identity;
    }

    /**
     * Who completes the task: the signed-in person when there is one (an assignee can be set to anybody, so it
     * never stands in for the person acting), else the task's assignee the application acted for, else the caller.
     */
    public String of(String assignee) {
        Authentication authentication = identity.getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        if (assignee != null) {
            return assignee;
        }
        return current();
    }

    /** The engine's user (Tasklist, /engine-rest), else the caller of /api, else the system itself. */
    public String current() {
        Authentication authentication = identity.getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        var caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && caller.isAuthenticated() && caller.getName() != null ? caller.getName() : SYSTEM;
    }
}
