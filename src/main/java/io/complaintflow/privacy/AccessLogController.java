package io.complaintflow.privacy;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Page;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/privacy/access-log}: who read whose data — by complaint, by user, by period (privacy officers). */
@RestController
class AccessLogController {

    static final int MAX_PAGE_SIZE = 500;

    private final AccessLog log;
    private final BusinessClock clock;

    public AccessLogController(AccessLog log, BusinessClock clock) {
        this.log = log;
        this.clock = clock;
    }

    @GetMapping("/api/privacy/access-log")
    public Page<AccessLog.Entry> find(@RequestParam(required = false) String caseNumber,
                                      @RequestParam(required = false) String user,
                                      @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        List<FieldError> errors = new ArrayList<>();
        Instant fromInstant = date(errors, "from", from, false);
        Instant toInstant = date(errors, "to", to, true);
        if (blank(caseNumber) && blank(user) && fromInstant == null && toInstant == null && errors.isEmpty()) {
            errors.add(new FieldError("caseNumber", "须给出 caseNumber、user 或 from/to 之一"));
        }
        if (page < 0) {
            errors.add(new FieldError("page", "不能小于 0"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldError("size", "须在 1 到 " + MAX_PAGE_SIZE + " 之间"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return log.find(new AccessLog.Query(blank(caseNumber) ? null : caseNumber.strip(),
                blank(user) ? null : user.strip(), fromInstant, toInstant, page, size));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A day in the business time zone ({@code to} inclusive) or an ISO instant. */
    private Instant date(List<FieldError> errors, String field, String value, boolean endExclusive) {
        if (blank(value)) {
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
