package io.complaintflow.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** TEMPORARY stand-in until the calendar branch lands (replaced on merge): 24/7 arithmetic. */
public final class BusinessCalendar {
    private final ZoneId zone;

    public BusinessCalendar(ZoneId zone, Set<DayOfWeek> workingWeekdays, List<WorkingPeriod> periods,
                            Set<LocalDate> holidays, Set<LocalDate> makeupWorkdays) {
        this.zone = zone;
    }

    public ZoneId zone() { return zone; }

    public boolean isWorkingDay(LocalDate day) { return true; }

    public Instant plus(Instant start, ClockDuration d) { return plusFraction(start, d, 1.0); }

    public Instant plusFraction(Instant start, ClockDuration d, double fraction) {
        Duration total = d.kind() == ClockDuration.Kind.WORKING_TIME || d.kind() == ClockDuration.Kind.ELAPSED
                ? d.time() : Duration.ofDays(d.days());
        return start.plusMillis((long) (total.toMillis() * fraction));
    }

    public Duration workingTimeBetween(Instant from, Instant to) { return Duration.between(from, to); }

    public Instant plusWorkingTime(Instant start, Duration workingTime) { return start.plus(workingTime); }
}
