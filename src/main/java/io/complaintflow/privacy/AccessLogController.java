package io.complaintflow.privacy;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.FilterDates;
import io.complaintflow.complaint.Page;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.time.Instant;
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
    private final FilterDates dates;

    public AccessLogController(AccessLog log, BusinessClock clock) {
        this.log = log;
        this.dates = new FilterDates(clock);
    }

    @GetMapping("/api/privacy/access-log")
    public Page<AccessLog.Entry> find(@RequestParam(required = false) String caseNumber,
                                      @RequestParam(required = false) String user,
                                      @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        List<FieldError> errors = new ArrayList<>();
        Instant fromInstant = dates.bound(errors, "from", from, false);
        Instant toInstant = dates.bound(errors, "to", to, true);
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

}
