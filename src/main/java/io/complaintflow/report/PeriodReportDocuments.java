package io.complaintflow.report;

import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Channel;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.complaint.Grade;
import io.complaintflow.complaint.Regulator;
import io.complaintflow.report.Reports.Bottleneck;
import io.complaintflow.report.Reports.CrisisRow;
import io.complaintflow.report.Reports.MassIncidentRow;
import io.complaintflow.report.Reports.SurgeRow;
import io.complaintflow.report.Reports.DepartmentRow;
import io.complaintflow.report.Reports.PeriodReport;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The period report as a page and as a spreadsheet. HTML escapes every value; CSV quotes every cell and defuses
 * cells a spreadsheet would run as a formula (starting with = + - @ or a control character).
 */
@Component
public class PeriodReportDocuments {

    public String html(PeriodReport r) {
        var s = r.summary();
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<title>投诉期间报告</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
                + "margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}"
                + "td:first-child,th:first-child{text-align:left}</style></head><body>");
        h.append("<h1>投诉期间报告 ").append(e(s.from() + " 至 " + s.to())).append("</h1>");
        h.append("<p>受理 <b>").append(s.received()).append("</b> 件，结案 <b>").append(s.closed()).append("</b> 件</p>");
        counts(h, "按渠道", s.byChannel(), c -> Coded.labelOf(Channel.class, c));
        counts(h, "按类别", s.byCategory(), c -> Coded.labelOf(Category.class, c));
        counts(h, "按等级", s.byGrade(), c -> Coded.labelOf(Grade.class, c));
        counts(h, "按监管机构", s.byRegulator(), c -> Coded.labelOf(Regulator.class, c));
        counts(h, "按状态", s.byStatus(), c -> Coded.labelOf(ComplaintStatus.class, c));
        counts(h, "积压（按已受理时长）", s.backlogByAge(), c -> c);
        h.append("<h2>部门考核</h2><table><tr><th>部门</th><th>处理件数</th><th>处理时长中位数（工作小时）</th>"
                + "<th>P90</th><th>按时率</th><th>升级</th><th>退回（非本部门）</th><th>客户不接受</th></tr>");
        for (DepartmentRow d : r.departments()) {
            h.append("<tr><td>").append(e(d.name())).append("</td><td>").append(d.tasksDone()).append("</td><td>")
                    .append(n(d.medianHours())).append("</td><td>").append(n(d.p90Hours())).append("</td><td>")
                    .append(pct(d.onTimeShare())).append("</td><td>").append(d.escalations()).append("</td><td>")
                    .append(d.transfers()).append("</td><td>").append(d.customerRejections()).append("</td></tr>");
        }
        h.append("</table><h2>瓶颈环节（期间内创建、仍未完成的任务）</h2><table><tr><th>环节</th><th>待办</th>"
                + "<th>等待中位数（小时）</th><th>P90</th><th>已超时</th></tr>");
        for (Bottleneck b : r.bottlenecks()) {
            h.append("<tr><td>").append(e(b.taskName())).append("</td><td>").append(b.open()).append("</td><td>")
                    .append(n(b.medianWaitingHours())).append("</td><td>").append(n(b.p90WaitingHours()))
                    .append("</td><td>").append(b.overdue()).append("</td></tr>");
        }
        var sat = r.satisfaction();
        h.append("</table><h2>满意度</h2><p>回访 ").append(sat.callbacks()).append(" 件，平均 ")
                .append(n(sat.averageScore())).append(" 分，问题解决率 ").append(pct(sat.resolvedRate()))
                .append("，重开率 ").append(pct(sat.reopenRate())).append("</p>");
        readiness(h, r);
        return h.append("</body></html>").toString();
    }

    public String csv(PeriodReport r) {
        StringBuilder c = new StringBuilder("\uFEFF"); // BOM, so spreadsheet programs read UTF-8 Chinese correctly
        var s = r.summary();
        row(c, "section", "key", "value");
        row(c, "period", "from", s.from().toString());
        row(c, "period", "to", s.to().toString());
        row(c, "summary", "received", String.valueOf(s.received()));
        row(c, "summary", "closed", String.valueOf(s.closed()));
        s.byChannel().forEach((k, v) -> row(c, "channel", k, String.valueOf(v)));
        s.byCategory().forEach((k, v) -> row(c, "category", k, String.valueOf(v)));
        s.byGrade().forEach((k, v) -> row(c, "grade", k, String.valueOf(v)));
        s.byRegulator().forEach((k, v) -> row(c, "regulator", k, String.valueOf(v)));
        s.byStatus().forEach((k, v) -> row(c, "status", k, String.valueOf(v)));
        s.backlogByAge().forEach((k, v) -> row(c, "backlog", k, String.valueOf(v)));
        for (DepartmentRow d : r.departments()) {
            row(c, "department", d.department(), "done=" + d.tasksDone() + ";median_h=" + n(d.medianHours())
                    + ";p90_h=" + n(d.p90Hours()) + ";on_time=" + n(d.onTimeShare()) + ";escalations="
                    + d.escalations() + ";transfers=" + d.transfers() + ";rejections=" + d.customerRejections());
        }
        for (Bottleneck b : r.bottlenecks()) {
            row(c, "bottleneck", b.taskName(), "open=" + b.open() + ";median_wait_h=" + n(b.medianWaitingHours())
                    + ";p90_wait_h=" + n(b.p90WaitingHours()) + ";overdue=" + b.overdue());
        }
        var sat = r.satisfaction();
        row(c, "satisfaction", "callbacks", String.valueOf(sat.callbacks()));
        row(c, "satisfaction", "average_score", n(sat.averageScore()));
        row(c, "satisfaction", "resolved_rate", n(sat.resolvedRate()));
        row(c, "satisfaction", "reopen_rate", n(sat.reopenRate()));
        for (SurgeRow x : r.surges()) {
            row(c, "surge", x.businessKey(), "trigger=" + x.trigger() + ";start_level=" + x.startLevel() + ";max_level="
                    + x.maxLevel() + ";started=" + x.startedAt() + ";ended=" + (x.endedAt() == null ? "" : x.endedAt()));
        }
        for (CrisisRow x : r.crises()) {
            row(c, "crisis", x.businessKey(), "source=" + x.source() + ";declared=" + x.declaredAt() + ";acknowledged="
                    + (x.acknowledgedAt() == null ? "" : x.acknowledgedAt()) + ";ended="
                    + (x.endedAt() == null ? "" : x.endedAt()));
        }
        for (MassIncidentRow x : r.massIncidents()) {
            row(c, "mass_incident", "MI-" + x.id(), "product=" + x.product() + ";grade=" + x.grade() + ";complaints="
                    + x.complaints() + ";answered=" + x.answered());
        }
        return c.toString();
    }

    private void readiness(StringBuilder h, PeriodReport r) {
        h.append("<h2>激增响应</h2><table><tr><th>编号</th><th>启动方式</th><th>启动级别</th><th>最高级别</th>"
                + "<th>启动时间</th><th>解除时间</th><th>原因</th></tr>");
        for (SurgeRow x : r.surges()) {
            h.append("<tr><td>").append(e(x.businessKey())).append("</td><td>")
                    .append("MONITOR".equals(x.trigger()) ? "监控自动" : "人工（" + e(x.startedBy()) + "）")
                    .append("</td><td>").append(x.startLevel()).append("</td><td>").append(x.maxLevel())
                    .append("</td><td>").append(e(String.valueOf(x.startedAt()))).append("</td><td>")
                    .append(x.endedAt() == null ? "进行中" : e(x.endedAt().toString())).append("</td><td>")
                    .append(e(x.reason())).append("</td></tr>");
        }
        h.append("</table><h2>危机响应</h2><table><tr><th>编号</th><th>名称</th><th>启动时间</th><th>指挥官</th>"
                + "<th>声明发布</th><th>结束</th></tr>");
        for (CrisisRow x : r.crises()) {
            h.append("<tr><td>").append(e(x.businessKey())).append("</td><td>").append(e(x.title())).append("</td><td>")
                    .append(e(String.valueOf(x.declaredAt()))).append("</td><td>")
                    .append(x.commander() == null ? "未确认" : e(x.commander())).append("</td><td>")
                    .append(x.statementPublishedAt() == null ? "—" : e(x.statementPublishedAt().toString()))
                    .append("</td><td>").append(x.endedAt() == null ? "进行中" : e(x.endedAt().toString()))
                    .append("</td></tr>");
        }
        h.append("</table><h2>群体事件</h2><table><tr><th>编号</th><th>产品</th><th>等级</th><th>投诉件数</th>"
                + "<th>统一答复</th></tr>");
        for (MassIncidentRow x : r.massIncidents()) {
            h.append("<tr><td>MI-").append(x.id()).append("</td><td>").append(e(x.product())).append("</td><td>")
                    .append(e(x.grade())).append("</td><td>").append(x.complaints()).append("</td><td>")
                    .append(x.answered() ? "已确定" : "未确定").append("</td></tr>");
        }
        h.append("</table>");
    }

    /** One CSV row, every cell quoted, formula-looking cells prefixed with an apostrophe. */
    static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i] == null ? "" : cells[i];
            if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
                cell = "'" + cell;
            }
            out.append(i == 0 ? "" : ",").append('"').append(cell.replace("\"", "\"\"")).append('"');
        }
        out.append("\r\n");
    }

    private static void counts(StringBuilder h, String title, Map<String, Long> counts, Function<String, String> label) {
        h.append("<h2>").append(e(title)).append("</h2><table>");
        counts.forEach((k, v) -> h.append("<tr><td>").append(e(label.apply(k))).append("</td><td>").append(v)
                .append("</td></tr>"));
        h.append("</table>");
    }

    private static String e(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s);
    }

    private static String n(Double d) {
        return d == null ? "" : String.valueOf(d);
    }

    private static String pct(Double share) {
        return share == null ? "—" : Math.round(share * 1000) / 10.0 + "%";
    }

}
