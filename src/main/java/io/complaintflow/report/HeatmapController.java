package io.complaintflow.report;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.report.Heatmap.HeatComplaint;
import io.complaintflow.report.Heatmap.Path;
import io.complaintflow.report.Heatmap.View;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The diagram heat of a process ({@code process} = its key) and one instance's path, for the Cockpit plugin.
 * {@code from}/{@code to} as in every report (days in the business time zone, default the last 30 days).
 */
@RestController
@RequestMapping("/api/reports")
class HeatmapController {

    private final HeatmapService heatmap;
    private final BusinessClock clock;

    public HeatmapController(HeatmapService heatmap, BusinessClock clock) {
        this.heatmap = heatmap;
        this.clock = clock;
    }

    @GetMapping("/heatmap")
    public View heat(@RequestParam(required = false) String process, @RequestParam(required = false) String from,
                     @RequestParam(required = false) String to, @RequestParam(required = false) String department,
                     @RequestParam(required = false) String grade, @RequestParam(required = false) String channel,
                     @RequestParam(required = false) String regulator) {
        String key = processKey(process);
        return heatmap.heat(key, period(from, to), HeatFilter.parse(department, grade, channel, regulator),
                clock.now());
    }

    @GetMapping("/heatmap/complaints")
    public List<HeatComplaint> complaints(@RequestParam(required = false) String process,
                                          @RequestParam(required = false) String activity,
                                          @RequestParam(required = false) String from,
                                          @RequestParam(required = false) String to,
                                          @RequestParam(required = false) String department,
                                          @RequestParam(required = false) String grade,
                                          @RequestParam(required = false) String channel,
                                          @RequestParam(required = false) String regulator,
                                          @RequestParam(defaultValue = "200") int limit) {
        String key = processKey(process);
        if (activity == null || !activity.matches("[A-Za-z0-9_\\-#.]{1,255}")) {
            throw new InvalidRequestException(List.of(new FieldError("activity", "须为图中环节的 id")));
        }
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException(List.of(new FieldError("limit", "须在 1 到 1000 之间")));
        }
        return heatmap.complaints(key, activity, period(from, to),
                HeatFilter.parse(department, grade, channel, regulator), clock.now(), limit);
    }

    /** One process instance's path, running or finished. */
    @GetMapping("/path/{processInstanceId}")
    public Path path(@PathVariable String processInstanceId) {
        return heatmap.path(processInstanceId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有流程实例 " + processInstanceId));
    }

    /** The path of a complaint's main process ({@code complaint-handling} unless {@code process} says otherwise). */
    @GetMapping("/path")
    public Path pathOf(@RequestParam(required = false) String caseNumber,
                       @RequestParam(defaultValue = "complaint-handling") String process) {
        if (caseNumber == null || caseNumber.isBlank()) {
            throw new InvalidRequestException(List.of(new FieldError("caseNumber", "请填写工单号")));
        }
        String id = heatmap.mainInstance(caseNumber.strip(), processKey(process))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有工单 " + caseNumber));
        return path(id);
    }

    private static String processKey(String process) {
        if (process == null || !process.matches("[A-Za-z_][A-Za-z0-9_\\-.]{0,254}")) {
            throw new InvalidRequestException(List.of(new FieldError("process", "须为流程的 key，例如 complaint-handling")));
        }
        return process;
    }

    private Period period(String from, String to) {
        return Period.parse(from, to, LocalDate.ofInstant(clock.now(), clock.zone()), clock.zone());
    }
}
