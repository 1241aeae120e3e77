package io.complaintflow.pdca;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** PDCA cycles and their actions (tables pdca_cycle, pdca_action). */
@Repository
public class PdcaCycles {

    private final JdbcClient jdbc;
    private final RootCauses causes;

    public PdcaCycles(JdbcClient jdbc, RootCauses causes) {
        this.jdbc = jdbc;
        this.causes = causes;
    }

    public long open(String trigger, Long handoverId, LocalDate from, LocalDate to, String note, String actor,
                     Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into pdca_cycle (trigger_kind, handover_id, period_from, period_to, note, status, started_by,"
                        + " started_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(trigger, handoverId, from, to, note, PdcaCycle.PLANNING, actor, odt(at))
                .update(key, "id");
        return key.getKey().longValue();
    }

    public void started(long id, String businessKey, String processInstanceId, String analysis) {
        jdbc.sql("update pdca_cycle set business_key = ?, process_instance_id = ?, analysis = ? where id = ?")
                .params(businessKey, processInstanceId, analysis, id).update();
    }

    public void status(long id, String status) {
        jdbc.sql("update pdca_cycle set status = ? where id = ?").params(status, id).update();
    }

    public void planned(long id, String actor, String note, Instant at) {
        jdbc.sql("update pdca_cycle set status = ?, planned_by = ?, planned_at = ?,"
                        + " note = coalesce(?, note) where id = ?")
                .params(PdcaCycle.DOING, actor, odt(at), note, id).update();
    }

    public void doCompleted(long id, Instant at, Instant observationEnds) {
        jdbc.sql("update pdca_cycle set status = ?, do_completed_at = ?, observation_ends_at = ? where id = ?")
                .params(PdcaCycle.OBSERVING, odt(at), odt(observationEnds), id).update();
    }

    public void closed(long id, Instant at) {
        jdbc.sql("update pdca_cycle set status = ?, closed_at = ? where id = ?")
                .params(PdcaCycle.CLOSED, odt(at), id).update();
    }

    public Optional<PdcaCycle> find(long id) {
        return jdbc.sql("select * from pdca_cycle where id = ?").param(id).query(PdcaCycles::mapCycle).optional()
                .map(c -> c.withActions(actions(id)));
    }

    /** Cycles started in [from, to), newest first, with their actions. */
    public List<PdcaCycle> list(Instant from, Instant to) {
        return jdbc.sql("select * from pdca_cycle where started_at >= ? and started_at < ? order by started_at desc, id desc")
                .params(odt(from), odt(to)).query(PdcaCycles::mapCycle).list().stream()
                .map(c -> c.withActions(actions(c.id()))).toList();
    }

    public long addAction(long cycleId, int seq, String department, String text, LocalDate due, String figure,
                          Long carriedFrom) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into pdca_action (cycle_id, seq, department, action_text, due_date, figure, carried_from, status)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(cycleId, seq, department, text, due, figure, carriedFrom, PdcaAction.PLANNED)
                .update(key, "id");
        return key.getKey().longValue();
    }

    public List<PdcaAction> actions(long cycleId) {
        return jdbc.sql("select * from pdca_action where cycle_id = ? order by seq, id").param(cycleId)
                .query(this::mapAction).list();
    }

    public PdcaAction action(long id) {
        return jdbc.sql("select * from pdca_action where id = ?").param(id).query(this::mapAction).single();
    }

    /** Actions judged not effective and not yet taken into a later cycle, oldest first. */
    public List<PdcaAction> pendingCarryOvers() {
        return jdbc.sql("select * from pdca_action where status = ? and carried_to_cycle is null order by id")
                .param(PdcaAction.CARRIED_OVER).query(this::mapAction).list();
    }

    public void takenInto(long actionId, long cycleId) {
        jdbc.sql("update pdca_action set carried_to_cycle = ? where id = ?").params(cycleId, actionId).update();
    }

    public void reminded(long id, Instant at) {
        jdbc.sql("update pdca_action set reminded_at = ? where id = ?").params(odt(at), id).update();
    }

    public void escalated(long id, Instant at) {
        jdbc.sql("update pdca_action set escalated_at = ? where id = ?").params(odt(at), id).update();
    }

    public void done(long id, String actor, String note, Instant at) {
        jdbc.sql("update pdca_action set status = ?, done_by = ?, done_note = ?, done_at = ? where id = ?")
                .params(PdcaAction.DONE, actor, note, odt(at), id).update();
    }

    public void measured(long id, Instant beforeFrom, Instant split, Instant afterTo, Double before, Double after) {
        jdbc.sql("update pdca_action set status = ?, window_before_from = ?, window_split = ?, window_after_to = ?,"
                        + " before_value = ?, after_value = ? where id = ?")
                .params(PdcaAction.MEASURED, odt(beforeFrom), odt(split), odt(afterTo), before, after, id).update();
    }

    public void judged(long id, String verdict, String note, String actor, Instant at) {
        jdbc.sql("update pdca_action set verdict = ?, verdict_note = ?, judged_by = ?, judged_at = ? where id = ?")
                .params(verdict, note, actor, odt(at), id).update();
    }

    public void standardized(long id, long scriptId) {
        jdbc.sql("update pdca_action set status = ?, script_id = ? where id = ?")
                .params(PdcaAction.STANDARDIZED, scriptId, id).update();
    }

    public void carriedOver(long id) {
        jdbc.sql("update pdca_action set status = ? where id = ?").params(PdcaAction.CARRIED_OVER, id).update();
    }

    private static PdcaCycle mapCycle(ResultSet rs, int row) throws SQLException {
        long handover = rs.getLong("handover_id");
        Long handoverId = rs.wasNull() ? null : handover;
        return new PdcaCycle(rs.getLong("id"), rs.getString("business_key"), rs.getString("process_instance_id"),
                rs.getString("trigger_kind"), handoverId, rs.getObject("period_from", LocalDate.class),
                rs.getObject("period_to", LocalDate.class), rs.getString("analysis"), rs.getString("note"),
                rs.getString("status"), rs.getString("started_by"), instant(rs, "started_at"),
                rs.getString("planned_by"), instant(rs, "planned_at"), instant(rs, "do_completed_at"),
                instant(rs, "observation_ends_at"), instant(rs, "closed_at"), List.of());
    }

    private PdcaAction mapAction(ResultSet rs, int row) throws SQLException {
        String figure = rs.getString("figure");
        return new PdcaAction(rs.getLong("id"), rs.getLong("cycle_id"), rs.getInt("seq"), rs.getString("department"),
                rs.getString("action_text"), rs.getObject("due_date", LocalDate.class), figure,
                Figure.parse(figure, causes).map(f -> f.label(causes)).orElse(figure), longOrNull(rs, "carried_from"),
                rs.getString("status"), instant(rs, "reminded_at"), instant(rs, "escalated_at"), rs.getString("done_by"),
                instant(rs, "done_at"), rs.getString("done_note"), instant(rs, "window_before_from"),
                instant(rs, "window_split"), instant(rs, "window_after_to"), doubleOrNull(rs, "before_value"),
                doubleOrNull(rs, "after_value"), rs.getString("verdict"), rs.getString("verdict_note"),
                rs.getString("judged_by"), instant(rs, "judged_at"), longOrNull(rs, "script_id"),
                longOrNull(rs, "carried_to_cycle"));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
