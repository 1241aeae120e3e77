package io.complaintflow.sla;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working days and hours of the business, and deadlines computed on them. Immutable and thread-safe.
 *
 * <h2>Working days</h2>
 * A day is a working day if it is a make-up working day (调休, e.g. a Saturday worked in exchange for a longer
 * holiday), otherwise if it is not a holiday and its weekday is a working weekday. Every day has the same working
 * periods (e.g. 09:00–12:00 and 13:30–18:00); the end of its last period is its <em>close of business</em>.
 *
 * <h2>Deadlines ({@link #plus})</h2>
 * <ul>
 *   <li><b>WORKING_TIME</b> ({@code PT4H}): only time inside the working periods of working days counts; a start
 *   outside them counts from the next period's start. A deadline that uses up a period exactly ends at that
 *   period's end (not at the start of the next). With 09:00–12:00, 13:30–18:00, {@code PT4H} from Friday 17:00 is
 *   Monday 12:00 (1 h on Friday, 3 h on Monday morning).</li>
 *   <li><b>WORKING_DAYS</b> ({@code P{n}D}): a day is a day, not 24 or 7.5 working hours. As in PRC Civil Code
 *   art. 201 (a period in days does not count its first day) and art. 203 (a last day off moves to the next
 *   working day, and the period ends at close of business), the day of receipt is never counted, whatever the
 *   hour; the deadline is the close of business of the n-th working day after it. {@code P1D} received Monday
 *   10:00 (or 00:30) is Tuesday 18:00; received Friday 20:00 or on Saturday it is Monday 18:00; a make-up
 *   Saturday counts like any working day.</li>
 *   <li><b>CALENDAR_DAYS</b> ({@code cal:P{n}D}): the receipt day is not counted and every later day counts; the
 *   last day is receipt day + n, moved to the next working day if it is a holiday or weekend (art. 203); the
 *   deadline is its close of business.</li>
 *   <li><b>ELAPSED</b> ({@code elapsed:PT30M}): wall-clock time, day and night, holidays included.</li>
 * </ul>
 * The receipt day and all other days are days in the calendar's {@link #zone()}, not in UTC: 2026-03-15T16:30Z is
 * 00:30 on Monday the 16th in Shanghai, so its receipt day is the 16th.
 *
 * <h2>Fractions ({@link #plusFraction})</h2>
 * A warning or escalation point is a fraction of the duration measured in the duration's own kind of time: working
 * time for WORKING_TIME and WORKING_DAYS (for working days, the fraction of the working time between start and
 * deadline), wall-clock time for ELAPSED and CALENDAR_DAYS (the fraction of the wall-clock span between start and
 * deadline). Fraction 1 is the deadline; fractions above 1 continue past it in the same kind of time.
 *
 * <h2>Pauses</h2>
 * {@link #workingTimeBetween} measures the working time a paused deadline lost; {@link #plusWorkingTime} moves its
 * deadline by that much. Both count working time as WORKING_TIME does; adding zero returns the start unchanged.
 */
public final class BusinessCalendar {

    /** No calendar leaves ten years without a working day; a search that long means a broken configuration. */
    private static final int MAX_DAYS_WITHOUT_WORK = 3660;

    private final ZoneId zone;
    private final Set<DayOfWeek> workingWeekdays;
    private final List<WorkingPeriod> periods;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeupWorkdays;

    public BusinessCalendar(ZoneId zone, Set<DayOfWeek> workingWeekdays, List<WorkingPeriod> periods,
                            Set<LocalDate> holidays, Set<LocalDate> makeupWorkdays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        if (workingWeekdays == null || workingWeekdays.isEmpty()) {
            throw new IllegalArgumentException("At least one working weekday is required");
        }
        this.workingWeekdays = Collections.unmodifiableSet(EnumSet.copyOf(workingWeekdays));
        this.periods = WorkingPeriod.inOrder(periods);
        this.holidays = Set.copyOf(holidays);
        this.makeupWorkdays = Set.copyOf(makeupWorkdays);
        Set<LocalDate> both = new TreeSet<>(this.holidays);
        both.retainAll(this.makeupWorkdays);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("Days both holiday and make-up working day: " + both);
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public List<WorkingPeriod> periods() {
        return periods;
    }

    public Set<DayOfWeek> workingWeekdays() {
        return workingWeekdays;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    public Set<LocalDate> makeupWorkdays() {
        return makeupWorkdays;
    }

    public boolean isWorkingDay(LocalDate day) {
        if (makeupWorkdays.contains(day)) {
            return true;
        }
        return !holidays.contains(day) && workingWeekdays.contains(day.getDayOfWeek());
    }

    /** The first working day strictly after {@code day}. */
    public LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        for (int i = 0; i < MAX_DAYS_WITHOUT_WORK; i++, next = next.plusDays(1)) {
            if (isWorkingDay(next)) {
                return next;
            }
        }
        throw new IllegalStateException("No working day in the " + MAX_DAYS_WITHOUT_WORK + " days after " + day);
    }

    /** The end of {@code day}'s last working period, whether or not it is a working day. */
    public Instant closeOfBusiness(LocalDate day) {
        return at(day, periods.get(periods.size() - 1).end());
    }

    /** The day an instant falls on in this calendar's zone. */
    public LocalDate dayOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** The deadline: {@code duration} after {@code start}, in the duration's kind of time (see the class doc). */
    public Instant plus(Instant start, DeadlineDuration duration) {
        Objects.requireNonNull(start, "start");
        return switch (duration.kind()) {
            case WORKING_TIME -> plusWorkingTime(start, duration.time());
            case ELAPSED -> start.plus(duration.time());
            case WORKING_DAYS -> {
                LocalDate day = dayOf(start);
                for (int i = 0; i < duration.days(); i++) {
                    day = nextWorkingDay(day);
                }
                yield closeOfBusiness(day);
            }
            case CALENDAR_DAYS -> {
                LocalDate last = dayOf(start).plusDays(duration.days());
                yield closeOfBusiness(isWorkingDay(last) ? last : nextWorkingDay(last));
            }
        };
    }

    /**
     * The point {@code fraction} of the way to the deadline (0.8 = the warning point, 1.5 = the deadline plus
     * half its time again), in the duration's own kind of time (see the class doc).
     */
    public Instant plusFraction(Instant start, DeadlineDuration duration, double fraction) {
        if (!(fraction >= 0) || Double.isInfinite(fraction)) {
            throw new IllegalArgumentException("Fraction must be a finite number >= 0, got " + fraction);
        }
        return switch (duration.kind()) {
            case WORKING_TIME -> plusWorkingTime(start, times(duration.time(), fraction));
            case WORKING_DAYS -> plusWorkingTime(start,
                    times(workingTimeBetween(start, plus(start, duration)), fraction));
            case ELAPSED -> start.plus(times(duration.time(), fraction));
            case CALENDAR_DAYS -> start.plus(times(Duration.between(start, plus(start, duration)), fraction));
        };
    }

    /** Working time inside {@code [from, to)}. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Interval ends before it starts: " + from + " .. " + to);
        }
        Duration total = Duration.ZERO;
        LocalDate lastDay = dayOf(to);
        for (LocalDate day = dayOf(from); !day.isAfter(lastDay); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (WorkingPeriod period : periods) {
                Instant start = latest(from, at(day, period.start()));
                Instant end = earliest(to, at(day, period.end()));
                if (start.isBefore(end)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /** {@code start} plus {@code workingTime} of working time; a start outside working hours counts from the next period. */
    public Instant plusWorkingTime(Instant start, Duration workingTime) {
        Objects.requireNonNull(start, "start");
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("Working time must not be negative, got " + workingTime);
        }
        if (workingTime.isZero()) {
            return start;
        }
        Duration remaining = workingTime;
        LocalDate day = dayOf(start);
        if (!isWorkingDay(day)) {
            day = nextWorkingDay(day);
        }
        while (true) {
            for (WorkingPeriod period : periods) {
                Instant from = latest(start, at(day, period.start()));
                Instant to = at(day, period.end());
                if (from.isBefore(to)) {
                    Duration available = Duration.between(from, to);
                    if (remaining.compareTo(available) <= 0) {
                        return from.plus(remaining);
                    }
                    remaining = remaining.minus(available);
                }
            }
            day = nextWorkingDay(day);
        }
    }

    private Instant at(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }

    /** {@code duration × fraction}, exact to the nanosecond (decimal arithmetic, so 0.8 × 4 h is 3 h 12 min). */
    private static Duration times(Duration duration, double fraction) {
        BigInteger nanos = new BigDecimal(duration.toSeconds()).movePointRight(9)
                .add(BigDecimal.valueOf(duration.toNanosPart()))
                .multiply(BigDecimal.valueOf(fraction))
                .setScale(0, RoundingMode.HALF_UP)
                .toBigIntegerExact();
        BigInteger[] secondsAndNanos = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
        return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + zone + ", " + workingWeekdays + ", "
                + periods.stream().map(WorkingPeriod::spec).toList() + ", " + holidays.size() + " holidays, "
                + new TreeSet<>(makeupWorkdays) + " make-up working days]";
    }
}
