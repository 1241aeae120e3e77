package io.complaintflow.report;

import static io.complaintflow.complaint.Timestamps.odt;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * The heat's figures of a period that reaches now, read from the stays open now ({@code heat_open_stay}, see
 * {@link OpenStays}) instead of history: what is waiting at each activity and how many of those are overdue, and the
 * complaints behind one activity. The filters read the complaint as it is now, as the history queries do.
 */
final class OpenStayQueries {

    private OpenStayQueries() {
    }

    /**
     * Per activity, the complaints waiting there now and how many of them are overdue — as the history query says: a
     * deadline of the complaint (in a department's own process its department deadline) not paused, started, past its
     * target and not stopped, or the task's due date passed. A stay is one complaint unless it is marked
     * {@code several} (its complaint waits there in more stays, {@link OpenStays}): those are grouped by complaint
     * first, the others counted as they are — no aggregation per complaint over all stays.
     *
     * <p>Whether a stay is late: without a department or two dimensions, its complaint (or complaint and deadline) is
     * looked up in the set of late deadlines, read once and hashed ({@link #LATE_HASHED}); the stays and the late deadlines
     * are each read from one covering index alone (PostgreSQL, index-only: V88). A filter with a department or on
     * two dimensions leaves few stays, whose deadlines are probed instead ({@link #LATE_PROBED}). The filters select
     * the stays' complaints by subquery ({@link HeatSql#filterOpen}): no join with the complaint table.
     */
    static HeatSql waiting(String processDefinitionKey, Instant asOf, HeatFilter filter) {
        // a department or two dimensions select a few of the stays: probe their deadlines, not hash all late ones
        boolean probe = filter.department() != null || filter.dimensions() >= 2;
        HeatSql single = stays("select os.activity_id act, count(*) waiting, sum(", ") late", processDefinitionKey,
                asOf, filter, false, probe).append(" group by os.activity_id");
        // the marked stays are few (a complaint at one activity in several stays): their deadlines always probed
        HeatSql several = stays("select os.activity_id act, os.complaint_key, max(", ") late", processDefinitionKey,
                asOf, filter, true, true).append(" group by os.activity_id, os.complaint_key");
        several.wrap("select g.act, count(*) waiting, sum(g.late) late from (", ") g group by g.act");
        single.append(" union all ").append(several);
        single.wrap("select u.act, sum(u.waiting) waiting, sum(u.late) late from (", ") u group by u.act");
        return single;
    }

    /**
     * The open stays of a process at asOf, those marked several or the others, each with whether it is late: its
     * deadlines looked up in the late ones (hashed) or probed.
     */
    private static HeatSql stays(String select, String selectEnd, String processDefinitionKey, Instant asOf,
                                 HeatFilter filter, boolean several, boolean probe) {
        HeatSql stays = new HeatSql(select + (probe ? LATE_PROBED : LATE_HASHED) + selectEnd + " from heat_open_stay os"
                + " where os.process_key = ? and os.since <= ? and " + (several ? "" : "not ") + "os.several");
        stays.params(ts(asOf));
        if (probe) {
            stays.params(odt(asOf), odt(asOf), odt(asOf));
        } else {
            stays.params(lateParams(asOf));
            stays.params(lateParams(asOf));
        }
        stays.params(processDefinitionKey, ts(asOf));
        return stays.filterOpen(filter, several);
    }

    /** A deadline of a complaint late at ?: not paused, started, past its target, not stopped. */
    private static final String CLOCK_LATE = "k.state <> 'PAUSED' and k.started_at <= ? and k.target_at < ?"
            + " and (k.stopped_at is null or k.stopped_at > ?)";

    /** The same with the stay's deadlines probed (its department's, or any): parameters ?, then the deadline's three. */
    private static final String LATE_PROBED = "case when os.task_due < ? or exists (select 1 from complaint_deadline k"
            + " where k.case_number = os.case_number and " + CLOCK_LATE
            + " and (os.department is null or k.deadline = 'DEPARTMENT:' || os.department)) then 1 else 0 end";

    /**
     * The late deadlines of {@link #CLOCK_LATE} in two parts: running (not stopped; on PostgreSQL read from the partial
     * index {@code ix_clock_late} alone) and stopped after asOf (a period that reached back). Parameters: four.
     */
    private static String lateDeadlines(String columns) {
        return "select " + columns + " from complaint_deadline k where k.stopped_at is null and k.state <> 'PAUSED'"
                + " and k.started_at <= ? and k.target_at < ? union all select " + columns
                + " from complaint_deadline k where k.stopped_at > ? and k.state <> 'PAUSED' and k.started_at <= ?"
                + " and k.target_at < ?";
    }

    private static Object[] lateParams(Instant asOf) {
        return new Object[] {odt(asOf), odt(asOf), odt(asOf), odt(asOf), odt(asOf)};
    }

    /**
     * A stay is late at ?: its task's due date passed, or its complaint is among those with a late deadline (a stay
     * of a department's own instance: its department's deadline is among the late ones). Each set is read once and hashed.
     */
    private static final String LATE_HASHED = "case when os.task_due < ?"
            + " or (os.department is null and os.case_number in (" + lateDeadlines("k.case_number") + "))"
            + " or (os.department is not null and (os.case_number, 'DEPARTMENT:' || os.department) in ("
            + lateDeadlines("k.case_number, k.deadline") + ")) then 1 else 0 end";

    /**
     * The stays of one activity open now, from heat_open_stay: each with its deadlines joined once (late: one of them
     * running past its target; due: the earliest target of those running), the first {@code limit} of them by
     * lateness and deadline; the complaint's grade read for those only.
     */
    static HeatSql list(String processDefinitionKey, String activityId, Instant asOf, HeatFilter filter, int limit) {
        HeatSql waiting = new HeatSql("""
                select os.complaint_key k, os.case_number, os.department stay_department, os.since start_time_,
                  os.process_instance_id proc_inst_id_, os.process_definition_id proc_def_id_, os.task_due,
                  case when os.task_due < ? or max(case when k.state <> 'PAUSED' and k.target_at < ? then 1 else 0 end)
                    = 1 then 1 else 0 end late,
                  min(k.target_at) due
                from heat_open_stay os
                left join complaint_deadline k on k.case_number = os.case_number and k.started_at <= ?
                  and (k.stopped_at is null or k.stopped_at > ?)
                  and (os.department is null or k.deadline = 'DEPARTMENT:' || os.department)"""
                + " where os.process_key = ? and os.activity_id = ? and os.since <= ?");
        waiting.params(ts(asOf), odt(asOf), odt(asOf), odt(asOf), processDefinitionKey, activityId, ts(asOf));
        waiting.filterOpen(filter);
        waiting.append(" group by os.activity_instance_id, os.complaint_key, os.case_number, os.department, os.since,"
                + " os.process_instance_id, os.process_definition_id, os.task_due");
        waiting.params(limit);
        waiting.wrap("select w.*, (select c.grade from complaint c where c.case_number = w.case_number) grade,"
                + " cast(null as timestamp) pi_end from (select * from (", ") g order by late desc,"
                + " least(due, task_due) nulls last, k fetch first ? rows only) w");
        return waiting;
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
