package io.complaintflow.sla;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** One stretch of working hours within a working day, {@code [start, end)} in the calendar's zone. */
public record WorkingPeriod(LocalTime start, LocalTime end) {

    public WorkingPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("Working period " + start + "-" + end + " must start before it ends");
        }
    }

    /**
     * Parses {@code "09:00-12:00,13:30-18:00"}: comma-separated {@code HH:mm-HH:mm} periods, returned in order
     * of their start. Overlapping periods and an empty list are rejected.
     */
    public static List<WorkingPeriod> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("Working periods are missing: expected e.g. 09:00-12:00,13:30-18:00");
        }
        List<WorkingPeriod> periods = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] bounds = part.trim().split("-");
            if (bounds.length != 2) {
                throw new IllegalArgumentException("Invalid working period '" + part.trim() + "' in '" + spec
                        + "': expected HH:mm-HH:mm");
            }
            try {
                periods.add(new WorkingPeriod(LocalTime.parse(bounds[0].trim()), LocalTime.parse(bounds[1].trim())));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Invalid working period '" + part.trim() + "' in '" + spec
                        + "': expected HH:mm-HH:mm", e);
            }
        }
        return inOrder(periods);
    }

    /** The periods sorted by start; rejects an empty list and overlaps. */
    static List<WorkingPeriod> inOrder(List<WorkingPeriod> periods) {
        if (periods == null || periods.isEmpty()) {
            throw new IllegalArgumentException("At least one working period is required");
        }
        List<WorkingPeriod> sorted = periods.stream().sorted(Comparator.comparing(WorkingPeriod::start)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
                throw new IllegalArgumentException("Working periods " + sorted.get(i - 1).spec() + " and "
                        + sorted.get(i).spec() + " overlap");
            }
        }
        return sorted;
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    /** {@code "09:00-12:00"}. */
    public String spec() {
        return start + "-" + end;
    }
}
