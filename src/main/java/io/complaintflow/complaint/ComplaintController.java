package io.complaintflow.complaint;

import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
class ComplaintController {

    static final int MAX_PAGE_SIZE = 200;
    /** Case numbers one list may name (Tasklist asks for the subjects of one page of its task list: 15 by default). */
    static final int MAX_CASE_NUMBERS = 50;
    private static final java.util.regex.Pattern CASE_NUMBER = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,40}");

    private final ComplaintRepository complaints;
    private final ComplaintViews views;
    private final FilterDates dates;
    private final ReadScope.Caller caller;
    private final List<CaseFileContributor> contributors;

    public ComplaintController(ComplaintRepository complaints, ComplaintViews views, BusinessClock clock,
                               ReadScope.Caller caller, List<CaseFileContributor> contributors) {
        this.complaints = complaints;
        this.views = views;
        this.dates = new FilterDates(clock);
        this.caller = caller;
        this.contributors = contributors;
    }

    @GetMapping("/{caseNumber}")
    public ComplaintView get(@PathVariable String caseNumber) {
        // another department's complaint answers exactly like one that does not exist
        return complaints.findViewed(caseNumber).filter(c -> complaints.readable(caseNumber, caller.readScope()))
                .map(views::withTimeline)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有工单 " + caseNumber));
    }

    /** What the 案卷 tab shows for reference beside the case: the answer script of its category, similar cases. */
    @GetMapping("/{caseNumber}/reference")
    public Map<String, String> reference(@PathVariable String caseNumber) {
        Complaint complaint = complaints.find(caseNumber).filter(c -> complaints.readable(caseNumber, caller.readScope()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有工单 " + caseNumber));
        Map<String, String> reference = new LinkedHashMap<>();
        contributors.forEach(contributor -> reference.putAll(contributor.reference(complaint)));
        return reference;
    }

    @GetMapping
    public Page<ComplaintView> list(@RequestParam(required = false) String status,
                                    @RequestParam(required = false) String grade,
                                    @RequestParam(required = false) String category,
                                    @RequestParam(required = false) String department,
                                    @RequestParam(required = false) String channel,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(required = false) List<String> caseNumber,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        List<FieldError> errors = new ArrayList<>();
        check(errors, "status", status, ComplaintStatus.class);
        check(errors, "grade", grade, Grade.class);
        check(errors, "category", category, Category.class);
        check(errors, "department", department, Department.class);
        check(errors, "channel", channel, Channel.class);
        Instant fromInstant = dates.bound(errors, "from", from, false);
        Instant toInstant = dates.bound(errors, "to", to, true);
        List<String> caseNumbers = caseNumber == null ? List.of() : caseNumber;
        if (caseNumbers.size() > MAX_CASE_NUMBERS) {
            errors.add(new FieldError("caseNumber", "最多 " + MAX_CASE_NUMBERS + " 个工单号"));
        } else if (!caseNumbers.stream().allMatch(n -> n != null && CASE_NUMBER.matcher(n).matches())) {
            errors.add(new FieldError("caseNumber", "工单号只含字母、数字和连字符，最长 40 个字符"));
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
        Page<Complaint> found = complaints.search(new ComplaintFilter(ComplaintStatus.of(status), Grade.of(grade),
                Category.of(category), department, channel,
                fromInstant, toInstant, caseNumbers, page, size, caller.readScope()));
        return new Page<>(found.items().stream().map(views::of).toList(), found.page(), found.size(), found.total());
    }

    private static <E extends Enum<E> & Coded> void check(List<FieldError> errors, String field, String value,
                                                           Class<E> type) {
        if (value != null && Coded.parse(type, value).isEmpty()) {
            errors.add(new FieldError(field, "取值须为以下之一：" + Coded.codes(type)));
        }
    }

}
