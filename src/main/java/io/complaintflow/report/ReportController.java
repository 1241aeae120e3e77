package io.complaintflow.report;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.report.Reports.Bottleneck;
import io.complaintflow.report.Reports.DailyVolume;
import io.complaintflow.report.Reports.DepartmentRow;
import io.complaintflow.report.Reports.Overdue;
import io.complaintflow.report.Reports.PeriodReport;
import io.complaintflow.report.Reports.Satisfaction;
import io.complaintflow.report.Reports.Summary;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Managers' figures. {@code from}/{@code to}: days in the business time zone, {@code to} inclusive; default the last 30 days. */
@RestController
@RequestMapping("/api/reports")
class ReportController {

    private final ReportService reports;
    private final PeriodReportDocuments documents;
    private final BusinessClock clock;

    public ReportController(ReportService reports, PeriodReportDocuments documents, BusinessClock clock) {
        this.reports = reports;
        this.documents = documents;
        this.clock = clock;
    }

    @GetMapping("/summary")
    public Summary summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return reports.summary(period(from, to));
    }

    @GetMapping("/departments")
    public List<DepartmentRow> departments(@RequestParam(required = false) String from,
                                           @RequestParam(required = false) String to) {
        return reports.departments(period(from, to));
    }

    @GetMapping("/bottlenecks")
    public List<Bottleneck> bottlenecks(@RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to) {
        return reports.bottlenecks(from == null && to == null ? allTime() : period(from, to), clock.now());
    }

    @GetMapping("/satisfaction")
    public Satisfaction satisfaction(@RequestParam(required = false) String from,
                                     @RequestParam(required = false) String to) {
        return reports.satisfaction(period(from, to));
    }

    @GetMapping("/volume")
    public List<DailyVolume> volume(@RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to) {
        return reports.volume(period(from, to));
    }

    @GetMapping("/overdue")
    public List<Overdue> overdue(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidRequestException(List.of(new FieldError("limit", "须在 1 到 500 之间")));
        }
        return reports.overdue(clock.now(), limit);
    }

    /** The period report (e.g. the 3·15 period) as JSON, or as a download with format=html or format=csv. */
    @GetMapping("/period")
    public ResponseEntity<?> period(@RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(defaultValue = "json") String format) {
        Period period = period(from, to);
        PeriodReport report = new PeriodReport(reports.summary(period), reports.departments(period),
                reports.bottlenecks(period, clock.now()), reports.satisfaction(period), reports.surges(period),
                reports.crises(period), reports.massIncidents(period));
        String name = "complaints-" + period.fromDay() + "-" + period.toDay();
        return switch (format) {
            case "json" -> ResponseEntity.ok(report);
            case "html" -> download(documents.html(report), new MediaType("text", "html", StandardCharsets.UTF_8),
                    name + ".html");
            case "csv" -> download(documents.csv(report), new MediaType("text", "csv", StandardCharsets.UTF_8),
                    name + ".csv");
            default -> throw new InvalidRequestException(List.of(new FieldError("format", "取值须为 json、html 或 csv")));
        };
    }

    private static ResponseEntity<byte[]> download(String body, MediaType type, String fileName) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    private Period period(String from, String to) {
        return Period.parse(from, to, LocalDate.ofInstant(clock.now(), clock.zone()), clock.zone());
    }

    private Period allTime() {
        LocalDate today = LocalDate.ofInstant(clock.now(), clock.zone());
        return Period.parse(today.minusYears(2).toString(), today.toString(), today, clock.zone());
    }
}
