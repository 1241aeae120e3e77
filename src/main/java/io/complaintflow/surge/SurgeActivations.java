package io.complaintflow.surge;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record of every surge activation and each level it called in (tables surge_activation, surge_level). */
@Repository
public class SurgeActivations {

    private final JdbcClient jdbc;

    public SurgeActivations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String businessKey, String processInstanceId, String trigger, String startedBy, String reason,
                       int level, Volume volume, Instant holdUntil, Instant at) {
        jdbc.sql("""
                insert into surge_activation (business_key, process_instance_id, trigger_kind, started_by, reason,
                  start_level, max_level, window_count, baseline, hold_until, started_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(businessKey, processInstanceId, trigger, startedBy, reason, level, level,
                        volume == null ? null : volume.count(), volume == null ? null : baseline(volume),
                        odt(holdUntil), odt(at))
                .update();
        return jdbc.sql("select id from surge_activation where business_key = ?").param(businessKey)
                .query(Long.class).single();
    }

    public void levelCalled(long activationId, int level, String rosterGroup, Volume volume, Instant at) {
        jdbc.sql("""
                insert into surge_level (activation_id, level, roster_group, called_at, window_count, baseline)
                values (?, ?, ?, ?, ?, ?)""")
                .params(activationId, level, rosterGroup, odt(at), volume == null ? null : volume.count(),
                        volume == null ? null : baseline(volume))
                .update();
        jdbc.sql("update surge_activation set max_level = ? where id = ? and max_level < ?")
                .params(level, activationId, level).update();
    }

    public void coordinated(long activationId, int level, String coordinator, Integer staffCount, String note,
                            Instant at) {
        jdbc.sql("""
                update surge_level set coordinated_by = ?, coordinated_at = ?, staff_count = ?, note = ?
                where activation_id = ? and level = ?""")
                .params(coordinator, odt(at), staffCount, note, activationId, level).update();
    }

    public void end(long activationId, String reason, Instant at) {
        jdbc.sql("update surge_activation set ended_at = ?, end_reason = ? where id = ?")
                .params(odt(at), reason, activationId).update();
    }

    public Optional<SurgeActivation> find(long id) {
        return jdbc.sql("select * from surge_activation where id = ?").param(id).query(SurgeActivations::map).optional()
                .map(this::withLevels);
    }

    public Optional<SurgeActivation> findByBusinessKey(String businessKey) {
        return jdbc.sql("select * from surge_activation where business_key = ?").param(businessKey)
                .query(SurgeActivations::map).optional().map(this::withLevels);
    }

    /** Activations that started in [from, to), oldest first. */
    public List<SurgeActivation> startedBetween(Instant from, Instant to) {
        return jdbc.sql("select * from surge_activation where started_at >= ? and started_at < ? order by started_at, id")
                .params(odt(from), odt(to)).query(SurgeActivations::map).list().stream().map(this::withLevels).toList();
    }

    private SurgeActivation withLevels(SurgeActivation a) {
        return new SurgeActivation(a.id(), a.businessKey(), a.processInstanceId(), a.trigger(), a.startedBy(),
                a.reason(), a.startLevel(), a.maxLevel(), a.windowCount(), a.baseline(), a.holdUntil(), a.startedAt(),
                a.endedAt(), a.endReason(), levels(a.id()));
    }

    private List<SurgeActivation.Level> levels(long activationId) {
        return jdbc.sql("select * from surge_level where activation_id = ? order by level, id").param(activationId)
                .query((rs, i) -> new SurgeActivation.Level(rs.getInt("level"), rs.getString("roster_group"),
                        instant(rs, "called_at"), longOrNull(rs, "window_count"), rs.getBigDecimal("baseline"),
                        rs.getString("coordinated_by"), instant(rs, "coordinated_at"), intOrNull(rs, "staff_count"),
                        rs.getString("note")))
                .list();
    }

    private static SurgeActivation map(ResultSet rs, int row) throws SQLException {
        return new SurgeActivation(rs.getLong("id"), rs.getString("business_key"), rs.getString("process_instance_id"),
                rs.getString("trigger_kind"), rs.getString("started_by"), rs.getString("reason"),
                rs.getInt("start_level"), rs.getInt("max_level"), longOrNull(rs, "window_count"),
                rs.getBigDecimal("baseline"), instant(rs, "hold_until"), instant(rs, "started_at"),
                instant(rs, "ended_at"), rs.getString("end_reason"), List.of());
    }

    private static BigDecimal baseline(Volume volume) {
        return BigDecimal.valueOf(volume.baseline()).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }


}
