package io.complaintflow.pdca;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An improvement action: who (department), what, by when, the figure it should move; what was done; the figure in
 * the window before and after the Do phase ended (same length); the owner's verdict and what followed.
 */
public record PdcaAction(long id, long cycleId, int seq, String department, String actionText, LocalDate dueDate,
                         String figure, String figureLabel, Long carriedFrom, String status, Instant remindedAt,
                         Instant escalatedAt, String doneBy, Instant doneAt, String doneNote, Instant beforeFrom,
                         Instant split, Instant afterTo, Double beforeValue, Double afterValue, String verdict,
                         String verdictNote, String judgedBy, Instant judgedAt, Long scriptId, Long carriedToCycle) {

    public static final String PLANNED = "PLANNED";
    public static final String DONE = "DONE";
    public static final String MEASURED = "MEASURED";
    public static final String STANDARDIZED = "STANDARDIZED";
    public static final String CARRIED_OVER = "CARRIED_OVER";

    public static final String EFFECTIVE = "effective";
    public static final String INEFFECTIVE = "ineffective";
}
