package io.complaintflow.pdca;

import static io.complaintflow.complaint.Timestamps.odt;

import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Coded;
import io.complaintflow.report.Period;
import io.complaintflow.report.ReportService;
import io.complaintflow.report.Reports.DepartmentRow;
import io.complaintflow.report.Reports.Satisfaction;
import io.complaintflow.report.Reports.Summary;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The period's analysis the Plan step starts from: top categories, root causes and products, repeat complaints,
 * SLA breaches and transfers by department, regulator share, satisfaction — from the period report's queries.
 */
@Component
public class PdcaAnalysis {

    private final ReportService reports;
    private final JdbcClient jdbc;
    private final RootCauses causes;

    public PdcaAnalysis(ReportService reports, JdbcClient jdbc, RootCauses causes) {
        this.reports = reports;
        this.jdbc = jdbc;
        this.causes = causes;
    }

    public String of(Period p) {
        Summary s = reports.summary(p);
        StringBuilder text = new StringBuilder();
        text.append("分析期间：").append(p.fromDay()).append(" 至 ").append(p.toDay()).append('\n');
        long regulator = s.byChannel().getOrDefault("regulator", 0L);
        text.append("受理 ").append(s.received()).append(" 件，结案 ").append(s.closed()).append(" 件；监管转办 ")
                .append(regulator).append(" 件").append(s.received() == 0 ? "" : "（占 " + percent(regulator, s.received()) + "）")
                .append('\n');
        text.append("投诉类别前五：").append(top(s.byCategory().entrySet().stream()
                .map(e -> new Row(Coded.labelOf(Category.class, e.getKey()), e.getValue(), null)).toList())).append('\n');
        List<Row> causeRows = jdbc.sql("""
                        select root_cause k, count(*) n, sum(case when preventable then 1 else 0 end) p from complaint
                        where closed_at >= ? and closed_at < ? and root_cause is not null group by root_cause""")
                .params(odt(p.from()), odt(p.to()))
                .query((rs, row) -> new Row(causes.labelOf(rs.getString("k")), rs.getLong("n"),
                        "可预防 " + rs.getLong("p"))).list();
        text.append("根本原因前五（结案）：").append(top(causeRows)).append('\n');
        List<Row> products = jdbc.sql("""
                        select product k, count(*) n from complaint
                        where created_at >= ? and created_at < ? and product is not null group by product""")
                .params(odt(p.from()), odt(p.to()))
                .query((rs, row) -> new Row(rs.getString("k"), rs.getLong("n"), null)).list();
        text.append("产品前五：").append(top(products)).append('\n');
        long repeats = jdbc.sql("select count(*) from complaint where created_at >= ? and created_at < ? and repeat_count > 0")
                .params(odt(p.from()), odt(p.to())).query(Long.class).single();
        text.append("重复投诉：").append(repeats).append(" 件\n");
        List<String> departments = new ArrayList<>();
        for (DepartmentRow d : reports.departments(p)) {
            if (d.tasksDone() == 0 && d.transfers() == 0 && d.escalations() == 0) {
                continue;
            }
            departments.add(d.name() + " 完成 " + d.tasksDone() + " 件"
                    + (d.onTimeShare() == null ? "" : "，超时率 " + Math.round(100 * (1 - d.onTimeShare())) + "%")
                    + "，升级 " + d.escalations() + " 次，退回 " + d.transfers() + " 次");
        }
        text.append("各部门超时与退回：").append(departments.isEmpty() ? "无" : String.join("；", departments)).append('\n');
        Satisfaction sat = reports.satisfaction(p);
        text.append("回访满意度：").append(sat.averageScore() == null ? "无回访"
                : "平均 " + sat.averageScore() + " 分（回访 " + sat.callbacks() + " 件）").append('\n');
        return text.toString();
    }

    private static String top(List<Row> rows) {
        List<Row> sorted = rows.stream().sorted((a, b) -> Long.compare(b.count(), a.count())).limit(5).toList();
        if (sorted.isEmpty()) {
            return "无";
        }
        return String.join("、", sorted.stream()
                .map(r -> r.name() + " " + r.count() + (r.extra() == null ? "" : "（" + r.extra() + "）")).toList());
    }

    private static String percent(long part, long whole) {
        return Math.round(1000.0 * part / whole) / 10.0 + "%";
    }

    private record Row(String name, long count, String extra) {
    }

}
