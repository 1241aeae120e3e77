package io.complaintflow.sla;

import java.time.Instant;

/**
 * One deadline of a complaint. {@code warningAt} is 80% of its time (the reminder), {@code level2At} the
 * deadline plus half its time again (the second escalation level).
 */
public record Clock(long id, String caseNumber, String name, String durationSpec, Instant startedAt,
                    Instant warningAt, Instant targetAt, Instant level2At, ClockState state, Instant pausedAt,
                    Instant stoppedAt) {

    public static final String FIRST_RESPONSE = "FIRST_RESPONSE";
    public static final String RESOLUTION = "RESOLUTION";
    public static final String REGULATOR_REPLY = "REGULATOR_REPLY";

    public static String department(String department) {
        return "DEPARTMENT:" + department;
    }

    /** The department of a department clock, else null. */
    public String departmentKey() {
        return name.startsWith("DEPARTMENT:") ? name.substring("DEPARTMENT:".length()) : null;
    }

    /** Still being watched: neither met nor stopped. */
    public boolean open() {
        return stoppedAt == null;
    }
}
