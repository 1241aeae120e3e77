package io.complaintflow.sla;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a deadline runs, and in which kind of time — as written in the SLA table:
 * <ul>
 *   <li>{@code PT4H}, {@code PT30M} — {@link Kind#WORKING_TIME}: hours and minutes of working time;</li>
 *   <li>{@code P5D} — {@link Kind#WORKING_DAYS}: working days, the receipt day not counted;</li>
 *   <li>{@code cal:P15D} — {@link Kind#CALENDAR_DAYS}: calendar days, a last day off moves to the next working day;</li>
 *   <li>{@code elapsed:PT30M}, {@code elapsed:P1D} — {@link Kind#ELAPSED}: wall-clock time, day and night.</li>
 * </ul>
 * {@code time} carries the amount for WORKING_TIME and ELAPSED ({@code days} is 0), {@code days} for the day
 * kinds ({@code time} is zero). Amounts are positive. See {@link BusinessCalendar} for what each kind means.
 */
public record DeadlineDuration(Kind kind, Duration time, int days) {

    public enum Kind { WORKING_TIME, WORKING_DAYS, CALENDAR_DAYS, ELAPSED }

    private static final String CALENDAR_PREFIX = "cal:";
    private static final String ELAPSED_PREFIX = "elapsed:";
    private static final Pattern DAYS = Pattern.compile("P(\\d{1,6})D");
    private static final Pattern TIME_ONLY = Pattern.compile("PT(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d{1,9})?S)?");
    private static final Pattern ELAPSED_TIME =
            Pattern.compile("P(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d{1,9})?S)?)?");
    private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    public DeadlineDuration {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        switch (kind) {
            case WORKING_TIME, ELAPSED -> {
                if (time.isNegative() || time.isZero() || days != 0) {
                    throw new IllegalArgumentException(kind + " needs a positive time and no days, got " + time
                            + " and " + days + " days");
                }
            }
            case WORKING_DAYS, CALENDAR_DAYS -> {
                if (days <= 0 || !time.isZero()) {
                    throw new IllegalArgumentException(kind + " needs a positive number of days and no time, got "
                            + days + " days and " + time);
                }
            }
        }
    }

    public static DeadlineDuration workingTime(Duration time) {
        return new DeadlineDuration(Kind.WORKING_TIME, time, 0);
    }

    public static DeadlineDuration workingDays(int days) {
        return new DeadlineDuration(Kind.WORKING_DAYS, Duration.ZERO, days);
    }

    public static DeadlineDuration calendarDays(int days) {
        return new DeadlineDuration(Kind.CALENDAR_DAYS, Duration.ZERO, days);
    }

    public static DeadlineDuration elapsed(Duration time) {
        return new DeadlineDuration(Kind.ELAPSED, time, 0);
    }

    /**
     * Parses a spec such as {@code PT4H}, {@code P5D}, {@code cal:P15D}, {@code elapsed:PT30M}. Surrounding blanks
     * are ignored; anything else that is not one of the four forms — months, weeks, years, mixed days and hours
     * of working time, zero or negative amounts — is an {@link IllegalArgumentException} naming the spec.
     */
    public static DeadlineDuration parse(String spec) {
        DeadlineDuration parsed;
        try {
            parsed = spec == null ? null : parseOrNull(spec.trim());
        } catch (RuntimeException e) {
            throw invalid(spec, e);
        }
        if (parsed == null) {
            throw invalid(spec, null);
        }
        return parsed;
    }

    private static DeadlineDuration parseOrNull(String s) {
        if (s.startsWith(CALENDAR_PREFIX)) {
            Matcher days = DAYS.matcher(s.substring(CALENDAR_PREFIX.length()).toUpperCase(Locale.ROOT));
            return days.matches() ? calendarDays(Integer.parseInt(days.group(1))) : null;
        }
        if (s.startsWith(ELAPSED_PREFIX)) {
            String iso = s.substring(ELAPSED_PREFIX.length()).toUpperCase(Locale.ROOT);
            return ELAPSED_TIME.matcher(iso).matches() ? elapsed(Duration.parse(iso)) : null;
        }
        String iso = s.toUpperCase(Locale.ROOT);
        Matcher days = DAYS.matcher(iso);
        if (days.matches()) {
            return workingDays(Integer.parseInt(days.group(1)));
        }
        return TIME_ONLY.matcher(iso).matches() ? workingTime(Duration.parse(iso)) : null;
    }

    /** The canonical spec; {@code parse(d.spec())} equals {@code d}. ELAPSED whole days are written {@code P{n}D}. */
    public String spec() {
        return switch (kind) {
            case WORKING_TIME -> time.toString();
            case WORKING_DAYS -> "P" + days + "D";
            case CALENDAR_DAYS -> CALENDAR_PREFIX + "P" + days + "D";
            case ELAPSED -> ELAPSED_PREFIX + (time.toNanosPart() == 0 && time.toSeconds() % SECONDS_PER_DAY == 0
                    ? "P" + time.toDays() + "D" : time.toString());
        };
    }

    @Override
    public String toString() {
        return spec();
    }

    private static IllegalArgumentException invalid(String spec, Exception cause) {
        return new IllegalArgumentException("Invalid deadline duration '" + spec + "': expected PT4H (working time),"
                + " P5D (working days), cal:P15D (calendar days) or elapsed:PT30M (wall-clock), with a positive amount",
                cause);
    }
}
