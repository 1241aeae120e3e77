package io.complaintflow.campaign;

import io.complaintflow.complaint.Actors;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.net.URI;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The yearly 3·15 campaigns: start one by hand (its timer starts it on the configured date anyway), read them. */
@RestController
@RequestMapping("/api/campaigns")
class CampaignController {

    private final RuntimeService runtime;
    private final CampaignRuns runs;
    private final CampaignCalendar calendar;
    private final CampaignPhase phase;
    private final Actors actors;

    public CampaignController(RuntimeService runtime, CampaignRuns runs, CampaignCalendar calendar,
                              CampaignPhase phase, Actors actors) {
        this.runtime = runtime;
        this.runs = runs;
        this.calendar = calendar;
        this.phase = phase;
        this.actors = actors;
    }

    public record StartRequest(Integer year) {
    }

    public record CampaignView(CampaignRun run, CampaignDates dates, List<CampaignLogEntry> log) {
    }

    public record PhaseView(String phase, String label) {
    }

    @PostMapping
    @Transactional
    public ResponseEntity<CampaignView> start(@RequestBody(required = false) StartRequest request) {
        int year = request == null || request.year() == null ? calendar.currentYear() : request.year();
        if (year < 2000 || year > 2100) {
            throw new InvalidRequestException(List.of(new FieldError("year", "年度无效")));
        }
        if (runs.findByYear(year).isPresent()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, year + " 年 3·15 专项活动已启动");
        }
        runtime.createProcessInstanceByKey(CampaignProcess.KEY).businessKey("CAMPAIGN-" + year)
                .setVariables(Variables.createVariables().putValue(CampaignProcess.YEAR, year)
                        .putValue(CampaignProcess.INITIATOR, actors.current()))
                .execute();
        return ResponseEntity.created(URI.create("/api/campaigns/" + year)).body(one(year));
    }

    @GetMapping
    public List<CampaignRun> list() {
        return runs.all();
    }

    /** The phase complaint-sla reads for new complaints now. */
    @GetMapping("/phase")
    public PhaseView phase() {
        String current = phase.current();
        return new PhaseView(current, CampaignPhase.label(current));
    }

    @GetMapping("/{year}")
    public CampaignView one(@PathVariable int year) {
        CampaignRun run = runs.findByYear(year)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有 " + year + " 年的专项活动"));
        return new CampaignView(run, calendar.of(year), runs.log(run.id()));
    }
}
