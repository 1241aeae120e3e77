package io.complaintflow.complaint;

import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/complaints")
@Transactional(readOnly = true)
public class ComplaintController {

    static final int MAX_PAGE_SIZE = 200;

    private final ComplaintRepository complaints;
    private final ComplaintViews views;
    private final BusinessClock clock;
    private final ReadScope.Caller caller;

    public ComplaintController(ComplaintRepository complaints, ComplaintViews views, BusinessClock clock,
                               ReadScope.Caller caller) {
        this.complaints = complaints;
        this.views = views;
        this.clock = clock;
        this.caller = caller;
    }

    @GetMapping("/{caseNumber}")
    public ComplaintView get(@PathVariable String caseNumber) {
        // another department's complaint answers exactly like one that does not exist
        return complaints.find(caseNumber).filter(c -> complaints.readable(caseNumber, caller.readScope()))
                .map(views::withTimeline)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有工单 " + caseNumber));
    }

    @GetMapping
    public Page<ComplaintView> list(@RequestParam(required = false) String status,
                                    @RequestParam(required = false) String grade,
                                    @RequestParam(required = false) String category,
                                    @RequestParam(required = false) String department,
                                    @RequestParam(required = false) String channel,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        List<FieldError> errors = new ArrayList<>();
        check(errors, "status", status, ComplaintStatus.class);
        check(errors, "grade", grade, Grade.class);
        check(errors, "category", category, Category.class);
        check(errors, "department", department, Department.class);
        check(errors, "channel", channel, Channel.class);
        Instant fromInstant = date(errors, "from", from, false);
        Instant toInstant = date(errors, "to", to, true);
        if (page < 0) {
            errors.add(new FieldError("page", "不能小于 0"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldError("size", "须在 1 到 " + MAX_PAGE_SIZE + " 之间"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Page<Complaint> found = complaints.search(new ComplaintFilter(status, grade, category, department, channel,
                fromInstant, toInstant, page, size, caller.readScope()));
        return new Page<>(found.items().stream().map(views::of).toList(), found.page(), found.size(), found.total());
    }

    private static <E extends Enum<E> & Coded> void check(List<FieldError> errors, String field, String value,
                                                           Class<E> type) {
        if (value != null && Coded.parse(type, value).isEmpty()) {
            errors.add(new FieldError(field, "取值须为以下之一：" + Coded.codes(type)));
        }
    }

    /** A day in the business time zone ({@code to} is inclusive) or an ISO instant. */
    private Instant date(List<FieldError> errors, String field, String value, boolean endExclusive) {
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
