package io.complaintflow.report;

import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A reporting period [from, to): {@code from} and {@code to} are days in the business time zone, {@code to}
 * inclusive. Without them: the last 30 days up to today.
 */
public record Period(LocalDate fromDay, LocalDate toDay, Instant from, Instant to) {

    public static Period parse(String from, String to, LocalDate today, ZoneId zone) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate toDay = day(to, "to", errors);
        LocalDate fromDay = day(from, "from", errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        toDay = toDay == null ? today : toDay;
        fromDay = fromDay == null ? toDay.minusDays(29) : fromDay;
        if (fromDay.isAfter(toDay)) {
            throw new InvalidRequestException(List.of(new FieldError("from", "不能晚于 to")));
        }
        if (fromDay.plusYears(2).isBefore(toDay)) {
            throw new InvalidRequestException(List.of(new FieldError("from", "报表期间最长两年")));
        }
        return new Period(fromDay, toDay, fromDay.atStartOfDay(zone).toInstant(),
                toDay.plusDays(1).atStartOfDay(zone).toInstant());
    }

    private static LocalDate day(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "日期格式应为 2026-03-15"));
            return null;
        }
    }
}
