package io.complaintflow.report;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import io.complaintflow.report.Heatmap.ActivityHeat;
import io.complaintflow.report.Heatmap.Called;
import io.complaintflow.report.Heatmap.Escalation;
import io.complaintflow.report.Heatmap.HeatComplaint;
import io.complaintflow.report.Heatmap.Path;
import io.complaintflow.report.Heatmap.Step;
import io.complaintflow.report.Heatmap.View;
import io.complaintflow.sla.DeadlineTimers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of the diagram heat and the path view, read from the engine's generic history (one row per visit of
 * an activity, whatever the diagram) joined with the complaint, its deadlines and its escalations. Nothing here knows
 * an activity id: a redesigned model shows its own activities the moment it has history.
 *
 * <p>A "stay" is a visit of an activity where a complaint can wait (tasks, sub-processes, call activities, catch
 * events): automatic steps take no time and are left out. Engine timestamps are compared as the engine wrote them
 * (the JVM's zone); the application's columns carry their offset.
 */
@Service
@Transactional(readOnly = true)
public class HeatmapService {

    /** Activity types of act_hi_actinst where time passes (Camunda's ActivityTypes). */
    static final List<String> WAIT_TYPES = List.of("userTask", "receiveTask", "manualTask", "task", "callActivity",
            "subProcess", "adHocSubProcess", "transaction", "intermediateTimer", "intermediateMessageCatch",
            "intermediateSignalCatch", "intermediateConditional", "intermediateCatchEvent", "eventBasedGateway");

    /**
     * Processes whose waits are not a complaint's: the deadline ladder's timer waits for the next step of a deadline
     * while the complaint itself waits at a task of its caller (where the heat counts it, overdue and escalated).
     * The ladder's waits would only repeat the deadlines' own times, and every escalation of a storm would add to
     * the same rollup row (issue #19). No stay of these is kept or shown. Since model generation 3 the ladder is a
     * service task of its caller (时限阶梯): not a wait type, so none of its waits is a stay either; this key is for
     * the complaints still running on generation 2.
     */
    static final List<String> PLUMBING = List.of(DeadlineTimers.LADDER);

    /** Whether the heat counts the waits of this process. */
    static boolean counted(String processDefinitionKey) {
        return !PLUMBING.contains(processDefinitionKey);
    }

    /** SQL: the history rows {@code alias} (act_hi_actinst) of processes the heat counts. */
    static String countedCondition(String alias) {
        return alias + ".proc_def_key_ not in ('" + String.join("', '", PLUMBING) + "')";
    }

    /** Written the same in the queries and in the partial index (PostgreSQL uses it only for an implied predicate). */
    static final String WAIT_TYPES_CONDITION = "ACT_TYPE_ in ('" + String.join("', '", WAIT_TYPES) + "')";

    private static final String WAITS = "ai." + WAIT_TYPES_CONDITION;

    /** A stay with its complaint (if the instance carries a case number) and the department its process serves. */
    private static final String STAYS = """
            from act_hi_actinst ai
            join act_hi_procinst pi on pi.id_ = ai.proc_inst_id_
            left join complaint c on c.case_number = pi.business_key_
            left join act_hi_varinst dep on dep.proc_inst_id_ = ai.proc_inst_id_
              and dep.execution_id_ = ai.proc_inst_id_ and dep.name_ = 'department'
            """;

    /**
     * The stay's deadline had passed at ?: in a department's own process its department deadline, elsewhere any deadline
     * of the complaint; or the due date of its task.
     */
    private static final String OVERDUE = """
            (exists (select 1 from complaint_deadline k where k.case_number = c.case_number and k.state <> 'PAUSED'
                      and k.started_at <= ? and k.target_at < ? and (k.stopped_at is null or k.stopped_at > ?)
                      and (dep.text_ is null or k.deadline = 'DEPARTMENT:' || dep.text_))
             or exists (select 1 from act_hi_taskinst t where t.id_ = ai.task_id_ and t.due_date_ < ?))""";

    private final JdbcClient jdbc;
    private final boolean postgres;
    private volatile boolean rollupsReady;

    public HeatmapService(JdbcClient jdbc, javax.sql.DataSource dataSource) throws SQLException {
        this.jdbc = jdbc;
        try (var connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    /**
     * PostgreSQL: these are a few large aggregations; compiling them (JIT) costs more than it saves, and the
     * percentiles sort in memory rather than on disk. The open stays, the late clocks and the filters' complaints are
     * read from covering indexes alone (index-only scans, V87/V88), which the planner prices as random reads of a
     * spinning disk unless told the pages are as cheap to reach as on an SSD (or in memory): without it, it reads the
     * open stays' whole table instead (2–3 times the CPU at a million complaints). Only for this read-only
     * transaction.
     */
    private void tuneForAggregation() {
        if (postgres) {
            jdbc.sql("set local jit = off").update();
            jdbc.sql("set local work_mem = '64MB'").update();
            jdbc.sql("set local random_page_cost = 1.1").update();
        }
    }

    /** Whether the rollups hold all history (their fill from history done); until then stays come from history. */
    private boolean rollupsReady() {
        if (!rollupsReady) {
            rollupsReady = jdbc.sql("select count(*) from heat_rollup_state where id = 1 and done = true")
                    .query(Long.class).single() > 0;
        }
        return rollupsReady;
    }

    /** The rollups' slices a filter reads, once they are filled; until then none (history). */
    private Optional<List<Slice>> slices(HeatFilter filter) {
        return rollupsReady() ? Optional.of(Slice.of(filter)) : Optional.empty();
    }

    /**
     * The rows of the slices in a rollup: one slice, or a filter's combinations (each stay in one of them).
     * Returns the condition; its parameters are added to {@code params}.
     */
    private static String sliceCondition(List<Slice> slices, List<Object> params) {
        params.add(slices.get(0).dimension());
        slices.forEach(slice -> params.add(slice.value()));
        return "dimension = ? and dim_value " + (slices.size() == 1 ? "= ?"
                : "in (" + "?,".repeat(slices.size() - 1) + "?)");
    }

    /**
     * The figures of a process's activities. Waiting and overdue: for a period that reaches now from the open stays
     * ({@code heat_open_stay}), for one that ended earlier from history. Stays and escalations of the period: from
     * the rollups once they are filled — a slice, or for a filter on two or more dimensions the slices of the
     * combinations it selects ({@link Slice#of(HeatFilter)}); until then from history.
     */
    public View heat(String processDefinitionKey, Period p, HeatFilter filter, Instant now) {
        return heat(processDefinitionKey, p, filter, now, slices(filter), true);
    }

    /** The same figures with everything read from history (exact percentiles), to check the tables against. */
    View heatFromHistory(String processDefinitionKey, Period p, HeatFilter filter, Instant now) {
        return heat(processDefinitionKey, p, filter, now, Optional.empty(), false);
    }

    private View heat(String processDefinitionKey, Period p, HeatFilter filter, Instant now, Optional<List<Slice>> slice,
                      boolean openStays) {
        if (!counted(processDefinitionKey)) {
            return new View(processDefinitionKey, p.fromDay(), p.toDay(), asOf(p, now), filter, List.of());
        }
        tuneForAggregation();
        Instant asOf = asOf(p, now);
        Map<String, long[]> counts = new TreeMap<>(); // waiting, overdue, completed, escalated
        Map<String, Double[]> hours = new TreeMap<>();
        // waiting at asOf, and how many of them were overdue then
        HeatSql waiting = openStays && !asOf.isBefore(now)
                ? OpenStayQueries.waiting(processDefinitionKey, asOf, filter)
                : waitingFromHistory(processDefinitionKey, asOf, filter);
        waiting.query(jdbc, rs -> {
            long[] n = counts.computeIfAbsent(rs.getString("act"), k -> new long[4]);
            n[0] = rs.getLong("waiting");
            n[1] = rs.getLong("late");
        });
        // stays that ended in the period: how long they took
        if (slice.isPresent()) {
            rolledUpStays(processDefinitionKey, p, slice.get(), counts, hours);
        } else {
            exactStays(processDefinitionKey, p, filter, counts, hours);
        }
        // complaints escalated (level 1 and up) in the period while they stayed there
        if (slice.isPresent()) {
            List<Object> params = new ArrayList<>(List.of(processDefinitionKey));
            String slices = sliceCondition(slice.get(), params);
            params.addAll(List.of(p.fromDay(), p.toDay()));
            jdbc.sql("select activity_id act, count(distinct case_number) n from heat_escalation"
                            + " where process_key = ? and " + slices + " and esc_day >= ? and esc_day <= ?"
                            + " group by activity_id")
                    .params(params)
                    .query(rs -> {
                        counts.computeIfAbsent(rs.getString("act"), k -> new long[4])[3] = rs.getLong("n");
                    });
        } else {
            HeatSql escalated = new HeatSql("select ai.act_id_ act, count(distinct e.case_number) n "
                    + ESCALATED_STAYS);
            escalated.params(odt(p.from()), odt(p.to()), processDefinitionKey);
            escalated.filter(filter).append(" group by ai.act_id_");
            escalated.query(jdbc, rs -> {
                counts.computeIfAbsent(rs.getString("act"), k -> new long[4])[3] = rs.getLong("n");
            });
        }
        List<ActivityHeat> activities = new ArrayList<>();
        counts.forEach((act, n) -> {
            Double[] h = hours.getOrDefault(act, new Double[2]);
            activities.add(new ActivityHeat(act, n[0], n[1], n[2], h[0], h[1], n[3]));
        });
        return new View(processDefinitionKey, p.fromDay(), p.toDay(), asOf, filter, activities);
    }

    /** Visits open at asOf, from history: every visit of the process that started before and ended after it. */
    private static HeatSql waitingFromHistory(String processDefinitionKey, Instant asOf, HeatFilter filter) {
        HeatSql waiting = new HeatSql("""
                select s.act act, count(distinct s.k) waiting, count(distinct case when s.late = 1 then s.k end) late
                from (select ai.act_id_ act, coalesce(pi.business_key_, ai.proc_inst_id_) k,
                        case when""" + OVERDUE + " then 1 else 0 end late " + STAYS + """
                      where ai.proc_def_key_ = ? and""" + " " + WAITS + """
                       and ai.start_time_ <= ? and (ai.end_time_ is null or ai.end_time_ > ?)""");
        waiting.params(odt(asOf), odt(asOf), odt(asOf), ts(asOf), processDefinitionKey, ts(asOf), ts(asOf));
        return waiting.filter(filter).append(") s group by s.act");
    }

    /** From the rollup: a few rows per activity and day; percentiles to a bucket ({@link StayHistogram}). */
    private void rolledUpStays(String processDefinitionKey, Period p, List<Slice> slices, Map<String, long[]> counts,
                               Map<String, Double[]> hours) {
        Map<String, StayHistogram> histograms = new TreeMap<>();
        List<Object> params = new ArrayList<>(List.of(processDefinitionKey));
        String condition = sliceCondition(slices, params);
        params.addAll(List.of(p.fromDay(), p.toDay()));
        jdbc.sql("select activity_id, bucket, sum(stays) stays, sum(total_ms) total_ms from heat_stay"
                        + " where process_key = ? and " + condition + " and end_day >= ? and end_day <= ?"
                        + " group by activity_id, bucket")
                .params(params)
                .query(rs -> {
                    histograms.computeIfAbsent(rs.getString("activity_id"), k -> new StayHistogram())
                            .add(rs.getInt("bucket"), rs.getLong("stays"), rs.getLong("total_ms"));
                });
        histograms.forEach((act, h) -> {
            counts.computeIfAbsent(act, k -> new long[4])[2] = h.stays();
            hours.put(act, new Double[] {h.percentileHours(0.5), h.percentileHours(0.9)});
        });
    }

    /** Before the rollups are filled (and to check them): the stays from history, exact percentiles. */
    private void exactStays(String processDefinitionKey, Period p, HeatFilter filter, Map<String, long[]> counts,
                            Map<String, Double[]> hours) {
        HeatSql stays = new HeatSql("select ai.act_id_ act, count(*) n,"
                + " percentile_disc(0.5) within group (order by ai.duration_) p50,"
                + " percentile_disc(0.9) within group (order by ai.duration_) p90 " + STAYS
                + "where ai.proc_def_key_ = ? and ai.end_time_ >= ? and ai.end_time_ < ? and " + WAITS);
        stays.params(processDefinitionKey, ts(p.from()), ts(p.to()));
        stays.filter(filter).append(" group by ai.act_id_");
        stays.query(jdbc, rs -> {
            counts.computeIfAbsent(rs.getString("act"), k -> new long[4])[2] = rs.getLong("n");
            hours.put(rs.getString("act"), new Double[] {hoursOf(rs, "p50"), hoursOf(rs, "p90")});
        });
    }

    private static final String ESCALATED_STAYS = """
            from escalation e
            join act_hi_procinst pi on pi.business_key_ = e.case_number
            join act_hi_actinst ai on ai.proc_inst_id_ = pi.id_
            join complaint c on c.case_number = e.case_number
            left join act_hi_varinst dep on dep.proc_inst_id_ = ai.proc_inst_id_
              and dep.execution_id_ = ai.proc_inst_id_ and dep.name_ = 'department'
            where e.at >= ? and e.at < ? and e.level >= 1 and ai.proc_def_key_ = ? and ai.start_time_ < e.at
              and (ai.end_time_ is null or ai.end_time_ >= e.at)
              and (dep.text_ is null or dep.text_ = e.department)
            """ + " and " + WAITS;

    /**
     * The complaints behind one activity's figures: those waiting there at the view's moment (overdue first, then
     * by deadline) and those escalated there in the period; at most {@code limit}. Read as {@link #heat} reads them.
     */
    public List<HeatComplaint> complaints(String processDefinitionKey, String activityId, Period p, HeatFilter filter,
                                          Instant now, int limit) {
        return complaints(processDefinitionKey, activityId, p, filter, now, limit,
                slices(filter), true);
    }

    /** The same list with everything read from history, to check the tables against. */
    List<HeatComplaint> complaintsFromHistory(String processDefinitionKey, String activityId, Period p,
                                              HeatFilter filter, Instant now, int limit) {
        return complaints(processDefinitionKey, activityId, p, filter, now, limit, Optional.empty(), false);
    }

    private List<HeatComplaint> complaints(String processDefinitionKey, String activityId, Period p,
                                           HeatFilter filter, Instant now, int limit, Optional<List<Slice>> slice,
                                           boolean openStays) {
        if (!counted(processDefinitionKey)) {
            return List.of();
        }
        Instant asOf = asOf(p, now);
        Map<String, HeatComplaint> rows = new LinkedHashMap<>();
        HeatSql waiting = openStays && !asOf.isBefore(now)
                ? OpenStayQueries.list(processDefinitionKey, activityId, asOf, filter, limit)
                : listWaitingFromHistory(processDefinitionKey, activityId, asOf, filter, limit);
        List<HeatComplaint> found = new ArrayList<>();
        waiting.query(jdbc, rs -> {
            Instant due = earliest(instant(rs, "due"), timestamp(rs, "task_due"));
            found.add(new HeatComplaint(rs.getString("k"), rs.getString("grade"), rs.getString("stay_department"),
                    due, true, rs.getInt("late") == 1, false, timestamp(rs, "start_time_"),
                    rs.getString("proc_inst_id_"), rs.getString("proc_def_id_"), rs.getTimestamp("pi_end") != null));
        });
        found.sort(Comparator.comparing((HeatComplaint h) -> !h.overdue())
                .thenComparing(HeatComplaint::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(HeatComplaint::caseNumber));
        found.forEach(h -> rows.putIfAbsent(h.caseNumber(), h));
        if (slice.isPresent()) {
            escalatedFromRollup(processDefinitionKey, activityId, p, filter, slice.get(), limit, rows);
        } else {
            HeatSql escalated = new HeatSql("select distinct e.case_number k, c.grade, dep.text_ stay_department,"
                    + " ai.start_time_, ai.proc_inst_id_, ai.proc_def_id_, pi.end_time_ pi_end " + ESCALATED_STAYS
                    + " and ai.act_id_ = ?");
            escalated.params(odt(p.from()), odt(p.to()), processDefinitionKey, activityId);
            escalated.filter(filter);
            escalated.query(jdbc, rs -> markEscalated(rows, rs));
        }
        List<HeatComplaint> list = new ArrayList<>(rows.values());
        List<String> missing = list.stream().filter(h -> h.department() == null).map(HeatComplaint::caseNumber).toList();
        Map<String, String> leads = leadDepartments(missing);
        return list.stream().limit(limit).map(h -> h.department() != null || !leads.containsKey(h.caseNumber()) ? h
                : new HeatComplaint(h.caseNumber(), h.grade(), leads.get(h.caseNumber()), h.dueAt(), h.waiting(),
                        h.overdue(), h.escalated(), h.since(), h.processInstanceId(), h.processDefinitionId(),
                        h.finished())).toList();
    }

    /** A complaint escalated at the activity: marks it if it waits there, else adds it (from its history row). */
    private static void markEscalated(Map<String, HeatComplaint> rows, ResultSet rs) throws SQLException {
        String k = rs.getString("k");
        HeatComplaint known = rows.get(k);
        rows.put(k, known != null
                ? new HeatComplaint(k, known.grade(), known.department(), known.dueAt(), true, known.overdue(), true,
                        known.since(), known.processInstanceId(), known.processDefinitionId(), known.finished())
                : new HeatComplaint(k, rs.getString("grade"), rs.getString("stay_department"), null, false, false,
                        true, timestamp(rs, "start_time_"), rs.getString("proc_inst_id_"),
                        rs.getString("proc_def_id_"), rs.getTimestamp("pi_end") != null));
    }

    /**
     * The complaints escalated at the activity in the period, from heat_escalation: those waiting there are marked;
     * of the others, as many as the list has room for are read from history (the stay they were escalated in).
     */
    private void escalatedFromRollup(String processDefinitionKey, String activityId, Period p, HeatFilter filter,
                                     List<Slice> slices, int limit, Map<String, HeatComplaint> rows) {
        List<Object> params = new ArrayList<>(List.of(processDefinitionKey));
        String condition = sliceCondition(slices, params);
        params.addAll(List.of(p.fromDay(), p.toDay(), activityId));
        List<String> escalated = jdbc.sql("select distinct case_number from heat_escalation where process_key = ?"
                        + " and " + condition + " and esc_day >= ? and esc_day <= ? and activity_id = ?"
                        + " order by case_number")
                .params(params)
                .query(String.class).list();
        List<String> others = new ArrayList<>();
        for (String k : escalated) {
            HeatComplaint known = rows.get(k);
            if (known != null) {
                rows.put(k, new HeatComplaint(k, known.grade(), known.department(), known.dueAt(), true,
                        known.overdue(), true, known.since(), known.processInstanceId(), known.processDefinitionId(),
                        known.finished()));
            } else if (rows.size() + others.size() < limit) {
                others.add(k);
            }
        }
        for (int i = 0; i < others.size(); i += 500) {
            List<String> chunk = others.subList(i, Math.min(others.size(), i + 500));
            HeatSql details = new HeatSql("select distinct e.case_number k, c.grade, dep.text_ stay_department,"
                    + " ai.start_time_, ai.proc_inst_id_, ai.proc_def_id_, pi.end_time_ pi_end " + ESCALATED_STAYS
                    + " and ai.act_id_ = ? and e.case_number in (" + "?,".repeat(chunk.size() - 1) + "?)");
            details.params(odt(p.from()), odt(p.to()), processDefinitionKey, activityId);
            details.params(chunk.toArray());
            details.filter(filter).append(" order by k, ai.start_time_");
            details.query(jdbc, rs -> {
                if (!rows.containsKey(rs.getString("k"))) {
                    markEscalated(rows, rs);
                }
            });
        }
    }

    /** The visits of one activity open at asOf, from history, overdue first, then by deadline. */
    private static HeatSql listWaitingFromHistory(String processDefinitionKey, String activityId, Instant asOf,
                                              HeatFilter filter, int limit) {
        HeatSql waiting = new HeatSql("""
                select coalesce(pi.business_key_, ai.proc_inst_id_) k, c.grade, dep.text_ stay_department,
                  ai.start_time_, ai.proc_inst_id_, ai.proc_def_id_, pi.end_time_ pi_end,
                  case when""" + OVERDUE + """
                 then 1 else 0 end late,
                  (select min(k.target_at) from complaint_deadline k where k.case_number = c.case_number
                     and k.started_at <= ? and (k.stopped_at is null or k.stopped_at > ?)
                     and (dep.text_ is null or k.deadline = 'DEPARTMENT:' || dep.text_)) due,
                  (select t.due_date_ from act_hi_taskinst t where t.id_ = ai.task_id_) task_due
                """ + STAYS + """
                where ai.proc_def_key_ = ? and ai.act_id_ = ? and""" + " " + WAITS + """
                 and ai.start_time_ <= ? and (ai.end_time_ is null or ai.end_time_ > ?)""");
        waiting.params(odt(asOf), odt(asOf), odt(asOf), ts(asOf), odt(asOf), odt(asOf), processDefinitionKey,
                activityId, ts(asOf), ts(asOf));
        waiting.filter(filter);
        waiting.params(limit);
        waiting.wrap("select * from (", ") w order by late desc, least(due, task_due) nulls last, k"
                + " fetch first ? rows only");
        return waiting;
    }

    private Map<String, String> leadDepartments(List<String> caseNumbers) {
        Map<String, String> leads = new java.util.HashMap<>();
        for (int i = 0; i < caseNumbers.size(); i += 500) {
            List<String> chunk = caseNumbers.subList(i, Math.min(caseNumbers.size(), i + 500));
            jdbc.sql("select case_number, department from complaint_department where is_lead = true"
                            + " and case_number in (:cases)")
                    .param("cases", chunk)
                    .query(rs -> {
                        leads.put(rs.getString("case_number"), rs.getString("department"));
                    });
        }
        return leads;
    }

    /** The way one process instance took, with the escalations of its complaint during each step. */
    public Optional<Path> path(String processInstanceId) {
        List<Map<String, Object>> instance = jdbc.sql("""
                        select pi.id_, pi.proc_def_id_, pi.proc_def_key_, pi.business_key_, pi.start_time_,
                          pi.end_time_, pi.super_process_instance_id_, dep.text_ department
                        from act_hi_procinst pi left join act_hi_varinst dep on dep.proc_inst_id_ = pi.id_
                          and dep.execution_id_ = pi.id_ and dep.name_ = 'department'
                        where pi.id_ = ?""")
                .param(processInstanceId).query().listOfRows();
        if (instance.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> pi = instance.get(0);
        String businessKey = (String) pi.get("business_key_");
        String department = (String) pi.get("department");
        List<Escalation> escalations = businessKey == null ? List.of() : jdbc.sql("""
                        select deadline, department, level, escalated_to, at from escalation
                        where case_number = ? order by at, id""")
                .param(businessKey)
                .query((rs, i) -> new Escalation(rs.getString("deadline"), rs.getString("department"),
                        rs.getInt("level"), rs.getString("escalated_to"), instant(rs, "at")))
                .list().stream()
                .filter(e -> department == null || department.equals(e.department()))
                .toList();
        List<Step> steps = jdbc.sql("""
                        select act_id_, act_name_, act_type_, start_time_, end_time_, duration_, act_inst_state_
                        from act_hi_actinst where proc_inst_id_ = ? order by start_time_, sequence_counter_""")
                .param(processInstanceId)
                .query((rs, i) -> {
                    Instant start = timestamp(rs, "start_time_");
                    Instant end = timestamp(rs, "end_time_");
                    String type = rs.getString("act_type_");
                    List<Escalation> during = !WAIT_TYPES.contains(type) ? List.of() : escalations.stream()
                            .filter(e -> start.isBefore(e.at()) && (end == null || !end.isBefore(e.at()))).toList();
                    long duration = rs.getLong("duration_");
                    return new Step(rs.getString("act_id_"), rs.getString("act_name_"), type, start, end,
                            rs.wasNull() ? null : Percentiles.round(duration / 3_600_000.0),
                            rs.getInt("act_inst_state_") == 2, during);
                })
                .list();
        List<Called> called = jdbc.sql("""
                        select sub.id_, sub.proc_def_id_, sub.proc_def_key_, sub.start_time_, sub.end_time_,
                          ai.act_id_, dep.text_ department
                        from act_hi_procinst sub
                        left join act_hi_actinst ai on ai.proc_inst_id_ = sub.super_process_instance_id_
                          and ai.call_proc_inst_id_ = sub.id_
                        left join act_hi_varinst dep on dep.proc_inst_id_ = sub.id_ and dep.execution_id_ = sub.id_
                          and dep.name_ = 'department'
                        where sub.super_process_instance_id_ = ? order by sub.start_time_, sub.id_""")
                .param(processInstanceId)
                .query((rs, i) -> new Called(rs.getString("id_"), rs.getString("proc_def_id_"),
                        rs.getString("proc_def_key_"), rs.getString("act_id_"), rs.getString("department"),
                        timestamp(rs, "start_time_"), timestamp(rs, "end_time_")))
                .list();
        return Optional.of(new Path(processInstanceId, (String) pi.get("proc_def_id_"),
                (String) pi.get("proc_def_key_"), businessKey, toInstant(pi.get("start_time_")),
                toInstant(pi.get("end_time_")), (String) pi.get("super_process_instance_id_"), steps, called));
    }

    /** The complaint's main process instance (the latest, if it was ever restarted). */
    public Optional<String> mainInstance(String caseNumber, String processDefinitionKey) {
        return jdbc.sql("""
                        select id_ from act_hi_procinst where business_key_ = ? and proc_def_key_ = ?
                          and super_process_instance_id_ is null order by start_time_ desc, id_""")
                .param(caseNumber).param(processDefinitionKey).query(String.class).list().stream().findFirst();
    }

    private static Instant asOf(Period p, Instant now) {
        return p.to().isAfter(now) ? now : p.to();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static Instant timestamp(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Instant toInstant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : null;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Double hoursOf(ResultSet rs, String column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Percentiles.round(ms / 3_600_000.0);
    }
}
