package io.complaintflow.intake;

import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.complaint.TimelineEntry;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import io.complaintflow.intake.PublicProblems.PayloadTooLargeException;
import io.complaintflow.intake.PublicRateLimiter.Bucket;
import io.complaintflow.security.Masking;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's own door (no login): file a complaint from the web form, and follow it by case number plus the
 * phone given when filing. An unknown case and a wrong phone get the same 404, so the page cannot be used to find
 * out which case numbers exist.
 */
@RestController
class PublicComplaintController {

    static final long MAX_BODY_BYTES = 32 * 1024;
    static final String PUBLIC_ACTOR = "customer-web";

    /** Timeline kinds the customer sees, in the customer's words; everything else is internal. */
    private static final Map<String, String> PUBLIC_STEPS = Map.ofEntries(
            Map.entry("ACCEPTED", "已受理您的投诉"),
            Map.entry("TRIAGE_REVIEWED", "投诉中心已复核"),
            Map.entry("ASSIGNED", "已转交责任部门处理"),
            Map.entry("PAUSED", "等待您补充情况"),
            Map.entry("RESUMED", "已恢复处理"),
            Map.entry("EXTENSION", "处理期限已延长"),
            Map.entry("ANSWERED", "已答复您"),
            Map.entry("CUSTOMER_ACCEPTED", "您已确认处理结果"),
            Map.entry("CUSTOMER_REJECTED", "您对处理结果有异议，正在重新处理"),
            Map.entry("CLOSED", "已结案"),
            Map.entry("CALLBACK", "已完成满意度回访"),
            Map.entry("REOPENED", "工单已重新打开"),
            Map.entry("MERGED", "已与同一问题的工单合并处理"),
            Map.entry("CUSTOMER_MESSAGE", "已收到您的补充说明"));

    private final IntakeService intake;
    private final ComplaintRepository complaints;
    private final DeadlineService deadlines;
    private final PublicRateLimiter limiter;
    private final ComplaintRequestValidator validator;

    public PublicComplaintController(IntakeService intake, ComplaintRepository complaints, DeadlineService deadlines,
                                     PublicRateLimiter limiter, ComplaintRequestValidator validator) {
        this.validator = validator;
        this.intake = intake;
        this.complaints = complaints;
        this.deadlines = deadlines;
        this.limiter = limiter;
    }

    @PostMapping("/public/complaints")
    public ResponseEntity<Map<String, String>> file(@RequestBody(required = false) PublicComplaintRequest body,
                                                    HttpServletRequest http) {
        if (http.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new PayloadTooLargeException("提交内容过大（最多 " + MAX_BODY_BYTES / 1024 + " KB）");
        }
        limiter.check(Bucket.FILE, http.getRemoteAddr());
        if (body == null) {
            throw new InvalidRequestException(List.of(new FieldError("body", "请求体不能为空")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (body.phone() == null || body.phone().isBlank()) {
            errors.add(new FieldError("phone", "必填，查询进度时需要"));
        }
        ComplaintRequest request = new ComplaintRequest("web", null, null, null,
                new CustomerRequest(body.name(), body.phone(), body.email(), null, false), body.category(),
                body.product(), body.subject(), body.description(), null, null, false, null);
        IntakeResult result;
        try {
            if (!errors.isEmpty()) {
                validator.validate(request); // name every other problem too
                throw new InvalidRequestException(List.of());
            }
            result = intake.accept(request, PUBLIC_ACTOR);
        } catch (InvalidRequestException e) {
            List<FieldError> all = new ArrayList<>(errors);
            e.errors().stream().map(x -> new FieldError(x.field().replace("customer.", ""), x.message()))
                    .filter(x -> !all.contains(x))
                    .forEach(all::add);
            throw new InvalidRequestException(all);
        }
        String caseNumber = result.complaint().caseNumber();
        return ResponseEntity.created(URI.create("/public/complaints/" + caseNumber))
                .body(Map.of("caseNumber", caseNumber,
                        "message", "投诉已受理，工单号 " + caseNumber + "。请凭工单号和手机号查询处理进度。"));
    }

    @GetMapping("/public/complaints/{caseNumber}")
    public ResponseEntity<?> status(@PathVariable String caseNumber, @RequestParam(required = false) String phone,
                                    HttpServletRequest http) {
        limiter.check(Bucket.LOOKUP, http.getRemoteAddr());
        String digits = Masking.digits(phone);
        Optional<Complaint> found = caseNumber.length() > 32 || digits.isEmpty() ? Optional.empty()
                : complaints.find(caseNumber)
                        .filter(c -> digits.equals(Masking.digits(c.customer().phone())));
        if (found.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "没有找到该工单，请核对工单号和手机号");
            problem.setTitle("未找到");
            problem.setInstance(URI.create("/public/complaints")); // the same answer whatever was asked
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        Complaint c = found.get();
        List<PublicStatus.Step> steps = new ArrayList<>();
        for (TimelineEntry entry : complaints.timeline(c.caseNumber())) {
            String text = PUBLIC_STEPS.get(entry.kind());
            if (text != null && (steps.isEmpty() || !steps.get(steps.size() - 1).text().equals(text))) {
                steps.add(new PublicStatus.Step(entry.at(), text));
            }
        }
        var expectedBy = deadlines.find(c.caseNumber(), Deadline.RESOLUTION).map(Deadline::targetAt).orElse(null);
        return ResponseEntity.ok(new PublicStatus(c.caseNumber(), c.status(),
                Coded.labelOf(c.status()),
                c.category() == null ? null : c.category().label(),
                Masking.name(c.customer().name()), Masking.phone(c.customer().phone()), c.createdAt(),
                c.status() == ComplaintStatus.CLOSED ? null : expectedBy, c.closedAt(), steps));
    }
}
