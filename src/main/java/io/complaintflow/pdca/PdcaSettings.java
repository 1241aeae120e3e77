package io.complaintflow.pdca;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.modelpolicy.PublishedForModels;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** What pdca-review reads of {@link PdcaProperties}: when reviews start by themselves, how long effects are observed. */
@PublishedForModels
@Component("pdcaSettings")
public class PdcaSettings {

    private final BusinessClock clock;
    private final String schedule;
    private final Duration observationWindow;
    private final Duration reminderBefore;

    public PdcaSettings(BusinessClock clock, PdcaProperties settings) {
        this.clock = clock;
        this.schedule = settings.schedule().strip();
        this.observationWindow = settings.observationWindow();
        this.reminderBefore = settings.reminderBefore();
    }

    /**
     * The cycle of the start timer, evaluated when pdca-review is deployed: {@code monthly} — the 1st of every month,
     * 09:00 in the business time zone, from the next one on; anything else is taken as a Camunda timer cycle
     * (ISO 8601 {@code R/…/P…} or a cron expression).
     */
    public String getScheduleCycle() {
        if (!"monthly".equalsIgnoreCase(schedule)) {
            return schedule;
        }
        Instant now = clock.now();
        LocalDate first = LocalDate.ofInstant(now, clock.zone()).withDayOfMonth(1);
        Instant next = first.atTime(LocalTime.of(9, 0)).atZone(clock.zone()).toInstant();
        if (!next.isAfter(now)) {
            next = first.plusMonths(1).atTime(LocalTime.of(9, 0)).atZone(clock.zone()).toInstant();
        }
        return "R/" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(next.atZone(clock.zone()).toOffsetDateTime())
                + "/P1M";
    }

    public Duration observationWindow() {
        return observationWindow;
    }

    public Duration reminderBefore() {
        return reminderBefore;
    }
}
