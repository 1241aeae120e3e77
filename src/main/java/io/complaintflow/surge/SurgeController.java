package io.complaintflow.surge;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.report.Period;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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

/** Surge responses: start one by hand, list the activations of a period, see intake against its baseline. */
@RestController
@RequestMapping("/api/surges")
class SurgeController {

    private final SurgeService surges;
    private final SurgeActivations activations;
    private final SurgeAssessor assessor;
    private final BusinessClock clock;

    public SurgeController(SurgeService surges, SurgeActivations activations, SurgeAssessor assessor,
                           BusinessClock clock) {
        this.surges = surges;
        this.activations = activations;
        this.assessor = assessor;
        this.clock = clock;
    }

    /** A planned surge (month end, 3·15): {@code level} 1–3, {@code reason}, optional {@code until} (a day). */
    public record StartRequest(Integer level, String reason, String until) {
    }

    public record VolumeView(long windowCount, double baseline, double ratio, int level) {
    }

    @PostMapping
    public ResponseEntity<SurgeActivation> start(@RequestBody StartRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.level() == null || request.level() < 1 || request.level() > SurgeAssessor.MAX_LEVEL) {
            errors.add(new FieldError("level", "须为 1、2 或 3"));
        }
        if (request.reason() == null || request.reason().isBlank()) {
            errors.add(new FieldError("reason", "必填"));
        }
        LocalDate until = null;
        if (request.until() != null && !request.until().isBlank()) {
            try {
                until = LocalDate.parse(request.until().strip());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("until", "日期格式应为 2026-03-31"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (surges.running().isPresent()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "已有激增响应在进行中："
                    + surges.running().get().getBusinessKey());
        }
        String businessKey = surges.startByHand(request.level(), request.reason().strip(), until);
        SurgeActivation started = activations.findByBusinessKey(businessKey).orElseThrow();
        return ResponseEntity.created(URI.create("/api/surges/" + started.id())).body(started);
    }

    @GetMapping("/{id}")
    public SurgeActivation one(@PathVariable long id) {
        return activations.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有激增响应 " + id));
    }

    /** Activations started in the period ({@code from}/{@code to}: days, default the last 30 days). */
    @GetMapping
    public List<SurgeActivation> list(@RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to) {
        Period period = Period.parse(from, to, LocalDate.ofInstant(clock.now(), clock.zone()), clock.zone());
        return activations.startedBetween(period.from(), period.to());
    }

    /** Intake in the current window against its baseline, and the level that would call for. */
    @GetMapping("/volume")
    public VolumeView volume() {
        Volume v = surges.volumeNow();
        return new VolumeView(v.count(), v.baseline(), v.ratio(), assessor.levelFor(v));
    }
}
