package io.complaintflow.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the business calendar knows and what it needs: the years with holiday data, and the years without any
 * that a running deadline or the next {@code horizon} days reach. {@code latestDeadline} is null when no deadline
 * runs (or the database could not be asked: {@code deadlinesKnown} false).
 */
public record Coverage(LocalDate today, LocalDate horizon, Instant latestDeadline, boolean deadlinesKnown,
                       List<Integer> coveredYears, List<Integer> missingYears, List<Integer> announcedYears,
                       List<String> files) {

    public Coverage {
        coveredYears = List.copyOf(coveredYears);
        missingYears = List.copyOf(missingYears);
        announcedYears = List.copyOf(announcedYears);
        files = List.copyOf(files);
    }

    public boolean complete() {
        return missingYears.isEmpty();
    }
}
