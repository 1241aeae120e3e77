package io.complaintflow.sla;

import java.time.Duration;
import java.time.Period;

/** TEMPORARY stand-in until the calendar branch lands (replaced on merge). */
public record ClockDuration(Kind kind, Duration time, int days) {
    public enum Kind { WORKING_TIME, WORKING_DAYS, CALENDAR_DAYS, ELAPSED }

    public static ClockDuration parse(String spec) {
        if (spec.startsWith("elapsed:")) {
            String s = spec.substring(8);
            return s.startsWith("PT") ? new ClockDuration(Kind.ELAPSED, Duration.parse(s), 0)
                    : new ClockDuration(Kind.ELAPSED, Duration.ofDays(Period.parse(s).getDays()), 0);
        }
        if (spec.startsWith("cal:")) {
            return new ClockDuration(Kind.CALENDAR_DAYS, Duration.ZERO, Period.parse(spec.substring(4)).getDays());
        }
        if (spec.startsWith("PT")) {
            return new ClockDuration(Kind.WORKING_TIME, Duration.parse(spec), 0);
        }
        return new ClockDuration(Kind.WORKING_DAYS, Duration.ZERO, Period.parse(spec).getDays());
    }

    public String spec() {
        return switch (kind) {
            case WORKING_TIME -> time.toString();
            case WORKING_DAYS -> "P" + days + "D";
            case CALENDAR_DAYS -> "cal:P" + days + "D";
            case ELAPSED -> "elapsed:" + time;
        };
    }
}
