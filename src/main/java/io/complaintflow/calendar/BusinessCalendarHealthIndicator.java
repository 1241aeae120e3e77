package io.complaintflow.calendar;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code businessCalendar}: the years with holiday data and the years needed without any.
 * Always UP — a missing year makes deadlines ignore that year's holidays, it does not stop complaints being taken,
 * so it never takes a node out of service; the dashboard banner and the process owners' mail carry the warning.
 */
@Component("businessCalendarHealthIndicator")
public class BusinessCalendarHealthIndicator implements HealthIndicator {

    private final CalendarCoverage coverage;

    public BusinessCalendarHealthIndicator(CalendarCoverage coverage) {
        this.coverage = coverage;
    }

    @Override
    public Health health() {
        Coverage c = coverage.current();
        Health.Builder health = Health.up()
                .withDetail("coveredYears", c.coveredYears())
                .withDetail("missingYears", c.missingYears())
                .withDetail("horizon", c.horizon().toString())
                .withDetail("latestRunningDeadline", c.deadlinesKnown()
                        ? (c.latestDeadline() == null ? "none" : c.latestDeadline().toString()) : "unknown (database)")
                .withDetail("files", c.files());
        if (!c.complete()) {
            health.withDetail("action", "Put the holiday file of " + c.missingYears() + " into " + coverage.folder()
                    + " (cn-holidays-<year>.yaml) and restart the nodes: docs/operations.md, Holiday data");
        }
        return health.build();
    }
}
