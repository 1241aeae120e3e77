package io.complaintflow.campaign;

import io.complaintflow.complaint.BusinessClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The yearly 3·15 campaign: opens the year's run with its calendar, moves its phase (which complaint-sla reads at
 * intake), and keeps the log of what its people did.
 */
@Service
public class CampaignService {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final CampaignRuns runs;
    private final CampaignCalendar calendar;
    private final BusinessClock clock;

    public CampaignService(CampaignRuns runs, CampaignCalendar calendar, BusinessClock clock) {
        this.runs = runs;
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * Opens the year's campaign (the current campaign year unless the starter names one). A year runs once:
     * a second start of the same year ends at once ({@code alreadyRunning}).
     */
    public Opened open(Integer requestedYear, String businessKey, String processInstanceId, String initiator) {
        int year = requestedYear == null ? calendar.currentYear() : requestedYear;
        if (runs.findByYear(year).isPresent()) {
            return new Opened(year, true, businessKey, null);
        }
        CampaignDates dates = calendar.of(year);
        Instant now = clock.now();
        String phase = now.isBefore(dates.start()) ? CampaignPhase.PRE : dates.phaseAt(now);
        String key = businessKey != null ? businessKey : "CAMPAIGN-" + year;
        String startedBy = Optional.ofNullable(initiator).orElse("system");
        LocalDate from = LocalDate.ofInstant(now.isBefore(dates.start()) ? now : dates.start(), clock.zone());
        LocalDate to = LocalDate.ofInstant(dates.aftermathEnds().minusSeconds(1), clock.zone());
        runs.insert(new CampaignRun(0, year, key, processInstanceId, phase, startedBy, now, now, from, to, null, null,
                null, null));
        log(year, startedBy, CampaignLogEntry.PHASE, "3·15 专项活动启动，当前阶段：" + CampaignPhase.label(phase),
                "备战至 " + format(dates.battleStarts()) + "；高峰 " + format(dates.battleStarts()) + " 至 "
                        + format(dates.aftermathStarts()) + "；后续（监管转办批次）至 " + format(dates.aftermathEnds()));
        return new Opened(year, false, key, dates);
    }

    public void changePhase(int year, String phase) {
        CampaignRun run = run(year);
        runs.updatePhase(run.id(), phase, clock.now());
        log(year, "system", CampaignLogEntry.PHASE, "进入" + CampaignPhase.label(phase)
                + "（投诉处理时限按「3·15 活动阶段 = " + phase + "」执行）", null);
    }

    public void log(int year, String actor, String kind, String summary, String detail) {
        runs.log(run(year).id(), clock.now(), actor, kind, summary, detail, null, null, null);
    }

    public void regulatorBatch(int year, String actor, String regulator, String batchRef, int size, String note) {
        runs.log(run(year).id(), clock.now(), actor, CampaignLogEntry.REGULATOR_BATCH,
                "登记监管转办批次 " + batchRef + "（" + size + " 件）", note, regulator, batchRef, size);
    }

    public void commentary(int year, String commentary, String actor) {
        runs.recordCommentary(run(year).id(), commentary);
        log(year, actor, CampaignLogEntry.REPORT, "期间报告说明已提交审批", commentary);
    }

    public void reportDecided(int year, boolean approved, String note, String actor) {
        if (approved) {
            runs.recordApproval(run(year).id(), actor, clock.now());
        }
        log(year, actor, CampaignLogEntry.REPORT, approved ? "期间报告已批准" : "期间报告退回修改", note);
    }

    public CampaignRun end(int year) {
        CampaignRun run = run(year);
        runs.end(run.id(), clock.now());
        return run(year);
    }

    public CampaignRun run(int year) {
        return runs.findByYear(year).orElseThrow(() -> new IllegalStateException("no 3·15 campaign of " + year));
    }

    /** The campaign page every campaign task shows ({@code campaignSummary}): phase, calendar, and the log so far. */
    public String summary(int year) {
        CampaignRun run = run(year);
        CampaignDates dates = calendar.of(year);
        StringBuilder s = new StringBuilder();
        s.append(year).append(" 年 3·15 专项活动（").append(run.businessKey()).append("）\n")
                .append("当前阶段：").append(CampaignPhase.label(run.phase())).append('\n')
                .append("备战：").append(format(dates.start())).append(" 起；高峰：").append(format(dates.battleStarts()))
                .append(" 起；媒体监测：").append(format(dates.mediaWatch())).append("；后续期至 ")
                .append(format(dates.aftermathEnds())).append('\n')
                .append("期间报告：").append(run.reportLink("html")).append("\n经过：\n");
        runs.log(run.id()).forEach(e -> s.append(format(e.at())).append("  ").append(e.actor()).append("  ")
                .append(e.summary()).append('\n'));
        return s.toString();
    }

    private String format(Instant at) {
        return TIME.format(at.atZone(clock.zone()));
    }

    /** {@code dates}: null when the year runs already. */
    public record Opened(int year, boolean alreadyRunning, String businessKey, CampaignDates dates) {
    }
}
