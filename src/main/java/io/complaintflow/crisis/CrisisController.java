package io.complaintflow.crisis;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.report.Period;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Crises: declare one by hand (for a complaint, or for a story with no complaint behind it), list, read. */
@RestController
@RequestMapping("/api/crises")
class CrisisController {

    private final CrisisStarter starter;
    private final Crises crises;
    private final ComplaintRepository complaints;
    private final BusinessClock clock;
    private final Actors actors;

    public CrisisController(CrisisStarter starter, Crises crises, ComplaintRepository complaints, BusinessClock clock,
                            Actors actors) {
        this.starter = starter;
        this.crises = crises;
        this.complaints = complaints;
        this.clock = clock;
        this.actors = actors;
    }

    /** {@code caseNumber} for a complaint's crisis, else {@code title} (and {@code description}). */
    public record DeclareRequest(String caseNumber, String title, String description) {
    }

    @PostMapping
    @Transactional
    public ResponseEntity<Crisis> declare(@RequestBody DeclareRequest request) {
        Crisis crisis;
        if (request.caseNumber() != null && !request.caseNumber().isBlank()) {
            if (complaints.find(request.caseNumber().strip()).isEmpty()) {
                throw new InvalidRequestException(List.of(new FieldError("caseNumber", "没有该工单")));
            }
            crisis = starter.forComplaint(request.caseNumber().strip(), actors.current());
        } else if (request.title() == null || request.title().isBlank()) {
            throw new InvalidRequestException(List.of(new FieldError("title", "未关联工单时必填")));
        } else {
            crisis = starter.byHand(Crisis.MANUAL, request.title().strip(), request.description(), actors.current());
        }
        return ResponseEntity.created(URI.create("/api/crises/" + crisis.id())).body(crisis);
    }

    @GetMapping("/{id}")
    public CrisisView one(@PathVariable long id) {
        Crisis crisis = crises.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有危机 " + id));
        return new CrisisView(crisis, crises.log(id));
    }

    @GetMapping
    public List<Crisis> list(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Period period = Period.parse(from, to, LocalDate.ofInstant(clock.now(), clock.zone()), clock.zone());
        return crises.declaredBetween(period.from(), period.to());
    }
}
