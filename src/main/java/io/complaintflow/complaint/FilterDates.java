package io.complaintflow.complaint;

import io.complaintflow.web.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The {@code from}/{@code to} of a list query: a day in the business time zone ({@code to} inclusive) or an ISO instant. */
public final class FilterDates {

    private final BusinessClock clock;

    public FilterDates(BusinessClock clock) {
        this.clock = clock;
    }

    /** The instant a bound stands for, or null when absent; a value that is neither adds an error for its field. */
    public Instant bound(List<FieldError> errors, String field, String value, boolean endExclusive) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endExclusive ? day.plusDays(1) : day).atStartOfDay(clock.zone()).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "日期格式应为 2026-03-15 或 2026-03-15T02:00:00Z"));
            return null;
        }
    }
}
