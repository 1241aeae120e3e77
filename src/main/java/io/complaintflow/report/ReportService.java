package io.complaintflow.report;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Department;
import io.complaintflow.report.Reports.Bottleneck;
import io.complaintflow.report.Reports.DailyVolume;
import io.complaintflow.report.Reports.DepartmentRow;
import io.complaintflow.report.Reports.Overdue;
import io.complaintflow.report.Reports.Satisfaction;
import io.complaintflow.report.Reports.Summary;
import io.complaintflow.report.Reports.CrisisRow;
import io.complaintflow.report.Reports.MassIncidentRow;
import io.complaintflow.report.Reports.SurgeRow;
import io.complaintflow.sla.BusinessCalendar;
import io.complaintflow.sla.DeadlineService;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Figures for managers, computed in the database from the complaint record, the deadlines and their history, the
 * escalations and the engine's open tasks. Every query is bounded by the period and served by an index.
 */
@Service
@Transactional(readOnly = true)
public class ReportService {

    static final List<String> AGE_BANDS = List.of("<1d", "1-3d", "3-7d", "7-15d", ">15d");

    private final JdbcClient jdbc;
    private final BusinessCalendar calendar;
    private final RuntimeService runtime;

    public ReportService(JdbcClient jdbc, BusinessCalendar calendar, RuntimeService runtime) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.runtime = runtime;
    }

    public Summary summary(Period p) {
        long received = count("select count(*) from complaint where created_at >= ? and created_at < ?", p);
        long closed = count("select count(*) from complaint where closed_at >= ? and closed_at < ?", p);
        Map<String, Long> backlog = new LinkedHashMap<>();
        AGE_BANDS.forEach(b -> backlog.put(b, 0L));
        Instant end = p.to();
        // open at the end of the period: not closed now, or closed only after it (two index-backed halves)
        String band = """
                case when created_at >= ? then '<1d' when created_at >= ? then '1-3d' when created_at >= ? then '3-7d'
                     when created_at >= ? then '7-15d' else '>15d' end band""";
        Object[] bands = {odt(end.minus(Duration.ofDays(1))), odt(end.minus(Duration.ofDays(3))),
                odt(end.minus(Duration.ofDays(7))), odt(end.minus(Duration.ofDays(15)))};
        jdbc.sql("select band, count(*) n from ("
                        + " select " + band + " from complaint where status <> 'CLOSED' and created_at < ?"
                        + " union all"
                        + " select " + band + " from complaint where status = 'CLOSED' and closed_at >= ? and created_at < ?"
                        + ") aged group by band")
                .params(bands[0], bands[1], bands[2], bands[3], odt(end), bands[0], bands[1], bands[2], bands[3],
                        odt(end), odt(end))
                .query(rs -> {
                    backlog.put(rs.getString("band"), rs.getLong("n"));
                });
        return new Summary(p.fromDay(), p.toDay(), received, closed, countBy("channel", p), countBy("category", p),
                countBy("grade", p), countBy("regulator", p), countBy("status", p), backlog);
    }

    private Map<String, Long> countBy(String column, Period p) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select " + column + " k, count(*) n from complaint where created_at >= ? and created_at < ?"
                        + " and " + column + " is not null group by " + column)
                .params(odt(p.from()), odt(p.to()))
                .query(rs -> {
                    counts.put(rs.getString("k"), rs.getLong("n"));
                });
        return counts;
    }

    public List<DepartmentRow> departments(Period p) {
        Map<Long, List<DeadlineStep>> history = new HashMap<>();
        jdbc.sql("""
                        select e.deadline_id, c.deadline, e.at, e.event, e.target_at from deadline_event e
                        join complaint_deadline c on c.id = e.deadline_id
                        where c.deadline like 'DEPARTMENT:%' and e.deadline_id in (
                          select s.deadline_id from deadline_event s where s.event = 'STOPPED' and s.at >= ? and s.at < ?)
                        order by e.deadline_id, e.id""")
                .params(odt(p.from()), odt(p.to()))
                .query(rs -> {
                    history.computeIfAbsent(rs.getLong("deadline_id"), k -> new ArrayList<>()).add(new DeadlineStep(
                            rs.getString("deadline").substring("DEPARTMENT:".length()), instant(rs, "at"),
                            rs.getString("event"), instant(rs, "target_at")));
                });
        Map<String, List<Double>> hours = new HashMap<>();
        Map<String, long[]> onTime = new HashMap<>();
        for (List<DeadlineStep> steps : history.values()) {
            Instant started = null;
            Instant pausedAt = null;
            Duration paused = Duration.ZERO;
            for (DeadlineStep s : steps) {
                switch (s.event()) {
                    case "STARTED" -> {
                        started = s.at();
                        paused = Duration.ZERO;
                    }
                    case "PAUSED" -> pausedAt = s.at();
                    case "RESUMED" -> {
                        if (pausedAt != null) {
                            paused = paused.plus(calendar.workingTimeBetween(pausedAt, s.at()));
                            pausedAt = null;
                        }
                    }
                    case "STOPPED" -> {
                        if (started != null && !s.at().isBefore(p.from()) && s.at().isBefore(p.to())) {
                            Duration worked = calendar.workingTimeBetween(started, s.at()).minus(paused);
                            hours.computeIfAbsent(s.department(), k -> new ArrayList<>())
                                    .add(worked.toMinutes() / 60.0);
                            long[] counts = onTime.computeIfAbsent(s.department(), k -> new long[2]);
                            counts[1]++;
                            if (!s.at().isAfter(s.targetAt())) {
                                counts[0]++;
                            }
                        }
                    }
                    default -> { }
                }
            }
        }
        Map<String, Long> escalations = grouped("""
                select department k, count(*) n from escalation
                where level >= 1 and department is not null and at >= ? and at < ? group by department""", p);
        Map<String, Long> transfers = grouped("""
                select department k, count(*) n from complaint_department
                where state = 'TRANSFERRED' and updated_at >= ? and updated_at < ? group by department""", p);
        Map<String, Long> rejections = grouped("""
                select d.department k, count(*) n from timeline_entry t
                join complaint_department d on d.case_number = t.case_number and d.is_lead = true
                where t.kind = 'CUSTOMER_REJECTED' and t.occurred_at >= ? and t.occurred_at < ? group by d.department""", p);
        List<DepartmentRow> rows = new ArrayList<>();
        for (Department d : Department.values()) {
            List<Double> h = hours.getOrDefault(d.code(), List.of()).stream().sorted().toList();
            long[] t = onTime.getOrDefault(d.code(), new long[2]);
            rows.add(new DepartmentRow(d.code(), d.label(), h.size(), Percentiles.of(h, 0.5), Percentiles.of(h, 0.9),
                    Percentiles.share(t[0], t[1]), escalations.getOrDefault(d.code(), 0L),
                    transfers.getOrDefault(d.code(), 0L), rejections.getOrDefault(d.code(), 0L)));
        }
        return rows;
    }

    /** Open user tasks per step of the models; {@code period} limits them to tasks created in it. */
    public List<Bottleneck> bottlenecks(Period period, Instant now) {
        Map<String, List<Instant>> created = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, Long> overdue = new HashMap<>();
        jdbc.sql("""
                        select TASK_DEF_KEY_ k, NAME_ n, CREATE_TIME_ c, DUE_DATE_ d from ACT_RU_TASK
                        where CREATE_TIME_ >= ? and CREATE_TIME_ < ?""")
                .params(java.sql.Timestamp.from(period.from()), java.sql.Timestamp.from(period.to()))
                .query(rs -> {
                    String key = rs.getString("k");
                    created.computeIfAbsent(key, k -> new ArrayList<>()).add(rs.getTimestamp("c").toInstant());
                    names.putIfAbsent(key, genericName(key, rs.getString("n")));
                    java.sql.Timestamp due = rs.getTimestamp("d");
                    if (due != null && due.toInstant().isBefore(now)) {
                        overdue.merge(key, 1L, Long::sum);
                    }
                });
        List<Bottleneck> rows = new ArrayList<>();
        created.forEach((key, times) -> {
            List<Double> waiting = times.stream().map(c -> Duration.between(c, now).toMinutes() / 60.0).sorted()
                    .toList();
            rows.add(new Bottleneck(key, names.get(key), times.size(), Percentiles.of(waiting, 0.5),
                    Percentiles.of(waiting, 0.9), overdue.getOrDefault(key, 0L)));
        });
        rows.sort((a, b) -> Long.compare(b.open(), a.open()) != 0 ? Long.compare(b.open(), a.open())
                : a.taskKey().compareTo(b.taskKey()));
        return rows;
    }

    private static String genericName(String key, String name) {
        // a department task is named after its department; the step itself is "处理投诉"
        return "Task_HandleComplaint".equals(key) ? "处理投诉（各部门）" : name;
    }

    public Satisfaction satisfaction(Period p) {
        long closed = count("select count(*) from complaint where closed_at >= ? and closed_at < ?", p);
        Map<Integer, Long> scores = new TreeMap<>();
        for (int i = 1; i <= 5; i++) {
            scores.put(i, 0L);
        }
        long[] totals = new long[3]; // callbacks, score sum, resolved
        jdbc.sql("""
                        select satisfaction_score s, callback_resolved r, count(*) n from complaint
                        where closed_at >= ? and closed_at < ? and satisfaction_score is not null
                        group by satisfaction_score, callback_resolved""")
                .params(odt(p.from()), odt(p.to()))
                .query(rs -> {
                    long n = rs.getLong("n");
                    scores.merge(rs.getInt("s"), n, Long::sum);
                    totals[0] += n;
                    totals[1] += n * rs.getInt("s");
                    if (rs.getBoolean("r")) {
                        totals[2] += n;
                    }
                });
        long reopened = count("select count(*) from complaint where closed_at >= ? and closed_at < ?"
                + " and reopen_count > 0", p);
        return new Satisfaction(p.fromDay(), p.toDay(), closed, totals[0],
                totals[0] == 0 ? null : Percentiles.round((double) totals[1] / totals[0]), scores,
                Percentiles.share(totals[2], totals[0]), Percentiles.share(reopened, closed));
    }

    public List<DailyVolume> volume(Period p) {
        Map<LocalDate, Map<String, Long>> days = new TreeMap<>();
        for (LocalDate d = p.fromDay(); !d.isAfter(p.toDay()); d = d.plusDays(1)) {
            days.put(d, new TreeMap<>());
        }
        jdbc.sql("select created_at, channel from complaint where created_at >= ? and created_at < ?")
                .params(odt(p.from()), odt(p.to()))
                .query(rs -> {
                    LocalDate day = LocalDate.ofInstant(instant(rs, "created_at"), calendar.zone());
                    days.computeIfAbsent(day, k -> new TreeMap<>()).merge(rs.getString("channel"), 1L, Long::sum);
                });
        return days.entrySet().stream().map(e -> new DailyVolume(e.getKey(), e.getValue())).toList();
    }

    /** Surge responses that started in the period (monitor or by hand), with the highest level they reached. */
    public List<SurgeRow> surges(Period p) {
        return jdbc.sql("""
                        select business_key, trigger_kind, started_by, start_level, max_level, started_at, ended_at,
                          reason from surge_activation where started_at >= ? and started_at < ?
                        order by started_at, id""")
                .params(odt(p.from()), odt(p.to()))
                .query((rs, i) -> new SurgeRow(rs.getString("business_key"), rs.getString("trigger_kind"),
                        rs.getString("started_by"), rs.getInt("start_level"), rs.getInt("max_level"),
                        instant(rs, "started_at"), instant(rs, "ended_at"), rs.getString("reason")))
                .list();
    }

    public List<CrisisRow> crises(Period p) {
        return jdbc.sql("""
                        select business_key, source, title, declared_at, commander, acknowledged_at,
                          statement_published_at, ended_at from crisis where declared_at >= ? and declared_at < ?
                        order by declared_at, id""")
                .params(odt(p.from()), odt(p.to()))
                .query((rs, i) -> new CrisisRow(rs.getString("business_key"), rs.getString("source"),
                        rs.getString("title"), instant(rs, "declared_at"), rs.getString("commander"),
                        instant(rs, "acknowledged_at"), instant(rs, "statement_published_at"), instant(rs, "ended_at")))
                .list();
    }

    public List<MassIncidentRow> massIncidents(Period p) {
        return jdbc.sql("""
                        select i.id, i.product, i.category, i.grade, i.opened_at, i.answer,
                          (select count(*) from mass_incident_member m where m.incident_id = i.id) members
                        from mass_incident i where i.opened_at >= ? and i.opened_at < ? order by i.opened_at, i.id""")
                .params(odt(p.from()), odt(p.to()))
                .query((rs, i) -> new MassIncidentRow(rs.getLong("id"), rs.getString("product"),
                        rs.getString("category"), rs.getString("grade"), rs.getLong("members"),
                        instant(rs, "opened_at"), rs.getString("answer") != null))
                .list();
    }

    /** Open deadlines past their target, most overdue first (at most {@code limit}). */
    public List<Overdue> overdue(Instant now, int limit) {
        List<Overdue> rows = new ArrayList<>();
        jdbc.sql("""
                        select k.case_number, k.deadline, k.target_at, c.grade, c.subject from complaint_deadline k
                        join complaint c on c.case_number = k.case_number
                        where k.stopped_at is null and k.state in ('RUNNING', 'BREACHED') and k.target_at < ?
                        order by k.target_at limit ?""")
                .params(odt(now), limit)
                .query(rs -> {
                    String caseNumber = rs.getString("case_number");
                    var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                            .processDefinitionKey("complaint-handling").singleResult();
                    rows.add(new Overdue(caseNumber, rs.getString("deadline"), DeadlineService.label(rs.getString("deadline")),
                            instant(rs, "target_at"), rs.getString("grade"), rs.getString("subject"),
                            instance == null ? null : instance.getId()));
                });
        return rows;
    }

    private long count(String sql, Period p) {
        return jdbc.sql(sql).params(odt(p.from()), odt(p.to())).query(Long.class).single();
    }

    private Map<String, Long> grouped(String sql, Period p) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql(sql).params(odt(p.from()), odt(p.to())).query(rs -> {
            counts.put(rs.getString("k"), rs.getLong("n"));
        });
        return counts;
    }

    static String departmentName(String code) {
        return Coded.labelOf(Department.class, code);
    }



    private record DeadlineStep(String department, Instant at, String event, Instant targetAt) {
    }
}
