package io.complaintflow.pdca;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.report.Period;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** PDCA review cycles: start one by hand, and the report of cycles, actions, before/after figures and verdicts. */
@RestController
@RequestMapping("/api/reviews")
class ReviewController {

    private final PdcaReviews reviews;
    private final PdcaCycles cycles;
    private final BusinessClock clock;

    public ReviewController(PdcaReviews reviews, PdcaCycles cycles, BusinessClock clock) {
        this.reviews = reviews;
        this.cycles = cycles;
        this.clock = clock;
    }

    public record ReviewRequest(String periodFrom, String periodTo, String note) {
    }

    @PostMapping
    public ResponseEntity<PdcaCycle> start(@RequestBody(required = false) ReviewRequest request, Principal principal) {
        ReviewRequest r = request == null ? new ReviewRequest(null, null, null) : request;
        Period period;
        try {
            period = Period.parse(r.periodFrom(), r.periodTo(), LocalDate.ofInstant(clock.now(), clock.zone()),
                    clock.zone());
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(e.errors().stream().map(err -> new FieldError(
                    "from".equals(err.field()) ? "periodFrom" : "periodTo", err.message())).toList());
        }
        if (r.note() != null && r.note().length() > 2000) {
            throw new InvalidRequestException(List.of(new FieldError("note", "说明最长 2000 字")));
        }
        PdcaCycle cycle = reviews.start(PdcaCycle.MANUAL, null, period.fromDay(), period.toDay(), r.note(),
                RootCauseController.actor(principal));
        return ResponseEntity.created(URI.create("/api/reviews/" + cycle.id())).body(cycle);
    }

    /** Cycles started in the period (default: the last 30 days; {@code from}/{@code to} days, to inclusive). */
    @GetMapping
    public List<PdcaCycle> list(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Period period = Period.parse(from, to, LocalDate.ofInstant(clock.now(), clock.zone()), clock.zone());
        return cycles.list(period.from(), period.to());
    }

    @GetMapping("/{id}")
    public PdcaCycle one(@PathVariable long id) {
        return cycles.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有 PDCA 复盘 " + id));
    }
}
