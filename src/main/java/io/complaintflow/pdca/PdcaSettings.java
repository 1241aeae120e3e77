package io.complaintflow.pdca;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.modelpolicy.PublishedForModels;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** complaintflow.pdca.*: when reviews start by themselves, how long effects are observed, when Do is reminded. */
@PublishedForModels
@Component("pdcaSettings")
public class PdcaSettings {

    private final BusinessClock clock;
    private final String schedule;
    private final Duration observationWindow;
    private final Duration reminderBefore;

    public PdcaSettings(BusinessClock clock,
                        @Value("${complaintflow.pdca.schedule:monthly}") String schedule,
                        @Value("${complaintflow.pdca.observation-window:P30D}") Duration observationWindow,
                        @Value("${complaintflow.pdca.reminder-before:P3D}") Duration reminderBefore) {
        this.clock = clock;
        this.schedule = schedule.strip();
        this.observationWindow = observationWindow;
        this.reminderBefore = reminderBefore;
        if (observationWindow.isNegative() || observationWindow.isZero()) {
            throw new IllegalStateException("complaintflow.pdca.observation-window must be positive");
        }
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
