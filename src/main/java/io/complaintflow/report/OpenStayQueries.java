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
     * clock of the complaint (in a department's own process its department clock) not paused, started, past its
     * target and not stopped, or the task's due date passed. The clocks are joined once (a hash join with the late
     * ones), not probed per stay; a complaint with two late clocks is still one complaint.
     */
    static HeatSql waiting(String processDefinitionKey, Instant asOf, HeatFilter filter) {
        HeatSql waiting = new HeatSql("""
                select os.activity_id act, os.complaint_key,
                  max(case when os.task_due < ? or k.id is not null then 1 else 0 end) late
                from heat_open_stay os""" + LATE_CLOCK + (filter.needsComplaint() ? COMPLAINT_OF_STAY : "")
                + " where os.process_key = ? and os.since <= ?");
        waiting.params(ts(asOf), odt(asOf), odt(asOf), odt(asOf), processDefinitionKey, ts(asOf));
        waiting.filterOpen(filter).append(" group by os.activity_id, os.complaint_key");
        // per complaint first, then per activity: two hash aggregations instead of sorting for count(distinct)
        waiting.wrap("select s.act, count(*) waiting, sum(s.late) late from (", ") s group by s.act");
        return waiting;
    }

    /** A clock of the open stay's complaint that is late at ? (its department's in a department's own process). */
    private static final String LATE_CLOCK = """

            left join complaint_clock k on k.case_number = os.case_number and k.state <> 'PAUSED'
              and k.started_at <= ? and k.target_at < ? and (k.stopped_at is null or k.stopped_at > ?)
              and (os.department is null or k.clock = 'DEPARTMENT:' || os.department)""";

    private static final String COMPLAINT_OF_STAY = """

            left join complaint c on c.case_number = os.case_number""";

    /**
     * The stays of one activity open now, from heat_open_stay: each with its clocks joined once (late: one of them
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
                left join complaint_clock k on k.case_number = os.case_number and k.started_at <= ?
                  and (k.stopped_at is null or k.stopped_at > ?)
                  and (os.department is null or k.clock = 'DEPARTMENT:' || os.department)"""
                + (filter.needsComplaint() ? COMPLAINT_OF_STAY : "")
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
