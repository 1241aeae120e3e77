package io.complaintflow.mass;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.report.Period;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Mass incidents: the list of a period, one with its linked complaints, and deciding its answer once. */
@RestController
@RequestMapping("/api/mass-incidents")
class MassIncidentController {

    private final MassIncidents incidents;
    private final MassIncidentService service;
    private final BusinessClock clock;
    private final Actors actors;

    public MassIncidentController(MassIncidents incidents, MassIncidentService service, BusinessClock clock,
                                  Actors actors) {
        this.incidents = incidents;
        this.service = service;
        this.clock = clock;
        this.actors = actors;
    }

    public record AnswerRequest(String answer, BigDecimal compensation) {
    }

    @GetMapping
    public List<MassIncident> list(@RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to) {
        Period period = Period.parse(from, to, LocalDate.ofInstant(clock.now(), clock.zone()), clock.zone());
        return incidents.openedBetween(period.from(), period.to());
    }

    @GetMapping("/{id}")
    public MassIncident one(@PathVariable long id) {
        return incidents.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有群体事件 " + id));
    }

    /** The answer for every linked complaint; each is still answered, closed and called back on its own. */
    @PostMapping("/{id}/answer")
    @Transactional
    public MassIncident answer(@PathVariable long id, @RequestBody AnswerRequest request) {
        one(id);
        if (request.answer() == null || request.answer().isBlank()) {
            throw new InvalidRequestException(List.of(new FieldError("answer", "必填")));
        }
        if (request.compensation() != null && request.compensation().signum() < 0) {
            throw new InvalidRequestException(List.of(new FieldError("compensation", "不能为负数")));
        }
        return service.answer(id, request.answer().strip(), request.compensation(), actors.current());
    }
}
