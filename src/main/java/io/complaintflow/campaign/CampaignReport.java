package io.complaintflow.campaign;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.pdca.PdcaHandover;
import io.complaintflow.pdca.PdcaHandovers;
import io.complaintflow.report.Period;
import io.complaintflow.report.ReportService;
import io.complaintflow.report.Reports.Summary;
import io.complaintflow.report.Reports.SurgeRow;
import org.springframework.stereotype.Component;

/**
 * The campaign's period report (the report API over the campaign's dates, with its key figures for the approver)
 * and the hand-over to PDCA that ends the campaign.
 */
@Component
public class CampaignReport {

    private final CampaignService campaigns;
    private final ReportService reports;
    private final CampaignRuns runs;
    private final PdcaHandovers pdca;
    private final BusinessClock clock;

    public CampaignReport(CampaignService campaigns, ReportService reports, CampaignRuns runs, PdcaHandovers pdca,
                          BusinessClock clock) {
        this.campaigns = campaigns;
        this.reports = reports;
        this.runs = runs;
        this.pdca = pdca;
        this.clock = clock;
    }

    /** Logs the period report; returns its links and key figures for the approver. */
    public Generated generate(int year) {
        CampaignRun run = campaigns.run(year);
        Generated generated = new Generated(run.reportLink("html") + "  （表格：" + run.reportLink("csv") + "）",
                figures(run));
        campaigns.log(year, "system", CampaignLogEntry.REPORT, "期间报告已生成（" + run.periodFrom() + " 至 "
                + run.periodTo() + "）", null);
        return generated;
    }

    String figures(CampaignRun run) {
        Period period = Period.parse(run.periodFrom().toString(), run.periodTo().toString(),
                run.periodTo(), clock.zone());
        Summary s = reports.summary(period);
        var surgeList = reports.surges(period);
        int maxLevel = surgeList.stream().mapToInt(SurgeRow::maxLevel).max().orElse(0);
        long batches = runs.log(run.id()).stream().filter(e -> CampaignLogEntry.REGULATOR_BATCH.equals(e.kind())).count();
        int batchComplaints = runs.log(run.id()).stream()
                .filter(e -> CampaignLogEntry.REGULATOR_BATCH.equals(e.kind()) && e.batchSize() != null)
                .mapToInt(CampaignLogEntry::batchSize).sum();
        return "期间：" + run.periodFrom() + " 至 " + run.periodTo() + "\n受理 " + s.received() + " 件，结案 " + s.closed()
                + " 件\n按等级：" + s.byGrade() + "\n监管转办：" + s.byChannel().getOrDefault("regulator", 0L)
                + " 件（登记批次 " + batches + " 批，" + batchComplaints + " 件）\n激增响应：" + surgeList.size()
                + " 次" + (maxLevel > 0 ? "，最高第 " + maxLevel + " 级" : "") + "\n危机响应："
                + reports.crises(period).size() + " 起\n群体事件：" + reports.massIncidents(period).size() + " 起";
    }

    public void handOver(int year) {
        CampaignRun run = campaigns.run(year);
        PdcaHandover handover = pdca.handOver(PdcaHandover.CAMPAIGN, run.businessKey(), year + " 年 3·15 专项活动复盘",
                figures(run) + "\n报告：" + run.reportLink("html"), run.reportCommentary(),
                run.reportApprovedBy() == null ? "system" : run.reportApprovedBy());
        campaigns.log(year, "system", CampaignLogEntry.REPORT, "活动结束，复盘已移交 PDCA 改进（编号 " + handover.id() + "）",
                null);
        campaigns.end(year);
    }

    public record Generated(String links, String figures) {
    }
}
