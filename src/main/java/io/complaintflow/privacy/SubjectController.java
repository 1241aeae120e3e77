package io.complaintflow.privacy;

import io.complaintflow.complaint.BusinessClock;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A customer's access and deletion requests, answered by privacy officers (PIPL Art. 45, 47). */
@RestController
@RequestMapping("/api/privacy")
class SubjectController {

    public record SubjectRequest(String phone, String email, String customerId) {
    }

    public record RetentionRun(java.time.LocalDate day, String node, java.time.Instant startedAt,
                               java.time.Instant finishedAt, Integer anonymised, String report) {
    }

    private final SubjectExport export;
    private final Erasure erasure;
    private final BusinessClock clock;
    private final JdbcClient jdbc;

    public SubjectController(SubjectExport export, Erasure erasure, BusinessClock clock, JdbcClient jdbc) {
        this.export = export;
        this.erasure = erasure;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** Everything about the customer as JSON, or ({@code format=html}) as a document to hand over. */
    @GetMapping("/subjects/export")
    public ResponseEntity<?> export(@RequestParam(required = false) String phone,
                                    @RequestParam(required = false) String email,
                                    @RequestParam(required = false) String customerId,
                                    @RequestParam(defaultValue = "json") String format, Principal officer) {
        if (!format.equals("json") && !format.equals("html")) {
            throw new io.complaintflow.web.InvalidRequestException(List.of(
                    new io.complaintflow.web.FieldError("format", "取值须为 json 或 html")));
        }
        SubjectExport.SubjectData data = export.export(Subject.of(phone, email, customerId), officer.getName());
        if (format.equals("html")) {
            return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                    .body(SubjectDocument.html(data, clock.zone()));
        }
        return ResponseEntity.ok(data);
    }

    /** Anonymises every complaint of the customer, or none: 409 naming each complaint that is open or on hold. */
    @PostMapping("/subjects/erase")
    public Erasure.Result erase(@RequestBody(required = false) SubjectRequest request, Principal officer) {
        SubjectRequest r = request == null ? new SubjectRequest(null, null, null) : request;
        try {
            return erasure.erase(Subject.of(r.phone(), r.email(), r.customerId()), officer.getName());
        } catch (Erasure.Refused refused) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "无法删除：" + refused.getMessage());
        }
    }

    /** The nightly retention runs, newest first: which node ran, what it anonymised. */
    @GetMapping("/retention-runs")
    public List<RetentionRun> retentionRuns() {
        return jdbc.sql("select run_day, node, started_at, finished_at, anonymised, report from privacy_retention_run"
                        + " order by run_day desc limit 60")
                .query((rs, n) -> new RetentionRun(rs.getObject("run_day", java.time.LocalDate.class),
                        rs.getString("node"), io.complaintflow.complaint.Timestamps.instant(rs, "started_at"),
                        io.complaintflow.complaint.Timestamps.instant(rs, "finished_at"),
                        (Integer) rs.getObject("anonymised"), rs.getString("report")))
                .list();
    }
}
