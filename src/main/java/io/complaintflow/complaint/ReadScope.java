package io.complaintflow.complaint;

import java.util.List;

/**
 * Which complaints a user may read through {@code /api}: everything for the center and the levels above it;
 * for a department, the complaints it is or was assigned; for an agent or an intake client, what they filed.
 * Security decides it from the caller's groups ({@link Caller}).
 */
public record ReadScope(boolean all, String user, List<String> departments) {

    /** The read scope of whoever is calling: implemented by security, which knows the groups. */
    public interface Caller {
        ReadScope readScope();
    }
}
