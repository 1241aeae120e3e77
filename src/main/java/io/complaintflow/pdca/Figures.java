package io.complaintflow.pdca;

import static io.complaintflow.complaint.Timestamps.odt;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Department;
import io.complaintflow.report.Period;
import io.complaintflow.report.ReportService;
import io.complaintflow.report.Reports.DepartmentRow;
import io.complaintflow.report.Reports.Summary;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes a figure over a window [from, to) — through the period report's queries where they exist. Counts are
 * scaled to 30 days, so windows of other lengths compare; rates are percentages; null means no data.
 */
@Component
public class Figures {

    private static final double DAYS_30 = Duration.ofDays(30).toMillis();

    private final ReportService reports;
    private final JdbcClient jdbc;
    private final RootCauses causes;
    private final BusinessClock clock;

    public Figures(ReportService reports, JdbcClient jdbc, RootCauses causes, BusinessClock clock) {
        this.reports = reports;
        this.jdbc = jdbc;
        this.causes = causes;
        this.clock = clock;
    }

    public Double value(Figure figure, Instant from, Instant to) {
        Period period = period(from, to);
        double per30 = DAYS_30 / Duration.between(from, to).toMillis();
        return switch (figure.kind()) {
            case CATEGORY -> round(reports.summary(period).byCategory().getOrDefault(figure.parameter(), 0L) * per30);
            case ROOT_CAUSE -> round(count("select count(*) from complaint where closed_at >= ? and closed_at < ?"
                    + " and root_cause = ?", from, to, figure.parameter()) * per30);
            case SLA_BREACH -> {
                Double onTime = department(period, figure.parameter()).onTimeShare();
                yield onTime == null ? null : round(100 * (1 - onTime));
            }
            case TRANSFERS -> round(department(period, figure.parameter()).transfers() * per30);
            case REPEAT -> round(count("select count(*) from complaint where created_at >= ? and created_at < ?"
                    + " and repeat_count > 0", from, to, null) * per30);
            case REGULATOR_SHARE -> {
                Summary s = reports.summary(period);
                yield s.received() == 0 ? null : round(100.0 * s.byChannel().getOrDefault("regulator", 0L) / s.received());
            }
            case SATISFACTION -> reports.satisfaction(period).averageScore();
        };
    }

    /** The options of the plan form's figure fields ({@code valuesKey}): every figure of the fixed list. */
    public Object options() {
        List<Figure> all = new ArrayList<>();
        for (Category c : Category.values()) {
            all.add(new Figure(Figure.Kind.CATEGORY, c.code()));
        }
        for (RootCause cause : causes.active()) {
            all.add(new Figure(Figure.Kind.ROOT_CAUSE, cause.code()));
        }
        for (Department d : Department.values()) {
            all.add(new Figure(Figure.Kind.SLA_BREACH, d.code()));
            all.add(new Figure(Figure.Kind.TRANSFERS, d.code()));
        }
        all.add(new Figure(Figure.Kind.REPEAT, null));
        all.add(new Figure(Figure.Kind.REGULATOR_SHARE, null));
        all.add(new Figure(Figure.Kind.SATISFACTION, null));
        SpinJsonNode options = Spin.JSON("[]");
        for (Figure f : all) {
            SpinJsonNode option = Spin.JSON("{}");
            option.prop("label", f.label(causes));
            option.prop("value", f.code());
            options.append(option);
        }
        return SpinValues.jsonValue(options).create();
    }

    Period period(Instant from, Instant to) {
        return new Period(LocalDate.ofInstant(from, clock.zone()), LocalDate.ofInstant(to.minusMillis(1), clock.zone()),
                from, to);
    }

    private DepartmentRow department(Period period, String department) {
        return reports.departments(period).stream().filter(r -> r.department().equals(department)).findFirst()
                .orElseThrow();
    }

    private long count(String sql, Instant from, Instant to, String parameter) {
        var statement = jdbc.sql(sql).param(odt(from)).param(odt(to));
        if (parameter != null) {
            statement = statement.param(parameter);
        }
        return statement.query(Long.class).single();
    }

    static Double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
