package io.complaintflow.sla;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One deadline of a complaint. {@code warningAt} is 80% of its time (the reminder), {@code level2At} the
 * deadline plus half its time again (the second escalation level). {@code ladderStep} is the next step of its
 * escalation ladder: 0 the reminder at {@code warningAt}, 1 the deadline, 2 level 2 at {@code level2At}; the first
 * response has no level 2.
 */
public record Deadline(long id, String caseNumber, String name, String durationSpec, Instant startedAt,
                    Instant warningAt, Instant targetAt, Instant level2At, DeadlineState state, Instant pausedAt,
                    Instant stoppedAt, int ladderStep) {

    /**
     * The ladder's points to the millisecond. Timers and the engine's clock count milliseconds ({@link java.util.Date}),
     * the calendar's fractions do not: a reminder at 80% of a working time can fall between two milliseconds, and its
     * timer, armed at the millisecond below, fired before the point, found the step not yet due and armed itself again
     * at that same millisecond — with a frozen clock for ever.
     */
    public Deadline {
        warningAt = toMillis(warningAt);
        targetAt = toMillis(targetAt);
        level2At = toMillis(level2At);
    }

    private static Instant toMillis(Instant point) {
        return point == null ? null : point.truncatedTo(ChronoUnit.MILLIS);
    }

    public static final String FIRST_RESPONSE = "FIRST_RESPONSE";
    public static final String RESOLUTION = "RESOLUTION";
    public static final String REGULATOR_REPLY = "REGULATOR_REPLY";

    public static String department(String department) {
        return "DEPARTMENT:" + department;
    }

    /** The department of a department deadline, else null. */
    public String departmentKey() {
        return name.startsWith("DEPARTMENT:") ? name.substring("DEPARTMENT:".length()) : null;
    }

    /** Still being watched: neither met nor stopped. */
    public boolean open() {
        return stoppedAt == null;
    }

    /** When each step of the ladder is due: the reminder, the deadline and (not for the first response) level 2. */
    public List<Instant> steps() {
        return FIRST_RESPONSE.equals(name) ? List.of(warningAt, targetAt) : List.of(warningAt, targetAt, level2At);
    }

    /** The ladder has a step left to take on this deadline (it may be paused). */
    public boolean climbing() {
        return open() && ladderStep < steps().size();
    }

    /** When the next step is due; only while {@link #climbing()}. */
    public Instant nextStepAt() {
        return steps().get(ladderStep);
    }

    /** The first step whose point is still ahead of {@code now} (all steps taken: past the last). */
    public int firstStepAfter(Instant now) {
        List<Instant> points = steps();
        int step = 0;
        while (step < points.size() && !points.get(step).isAfter(now)) {
            step++;
        }
        return step;
    }
}
