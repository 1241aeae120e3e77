package io.complaintflow.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the heat's tables from the history that existed before they were fed live, with set-based SQL.
 *
 * <ul>
 *   <li>{@code heat_open_stay} at once ({@link #fillOpenStays}): before the engine runs anything, in the transaction
 *       of its claim (state row 2), so no stay can start or end in between.</li>
 *   <li>{@code heat_stay} and {@code heat_escalation} a month (PostgreSQL) or a business day (H2) per transaction
 *       ({@link #fillNextDay}), in the
 *       background, up to {@code fill_until}: the engine's time when the fill was claimed (state row 1). Stays that
 *       end and escalations recorded after it are fed live, those before it only by the fill, so none counts twice.
 *       Each batch locks the state row, adds its rows (increments, as the live feed does) and moves {@code next_day}
 *       on in one transaction: a node that stops in the middle leaves the days done, and the next start (of any
 *       node) goes on from there; two nodes never fill the same day. Until {@code done}, the heat reads stays and
 *       escalations from history.</li>
 * </ul>
 */
final class HeatFill {

    /** Duration buckets in SQL, the same formula as {@link StayHistogram#bucketOf} (the divisor bound as a double). */
    private static final String BUCKET = "case when coalesce(ai.duration_, 0) <= 1 then 0"
            + " else cast(floor(ln(cast(ai.duration_ as double precision)) / ?) as integer) end";

    /** The slices a row with a complaint belongs to (besides the departments of complaint_department). */
    private static final String DIMENSIONS = "(select cast('all' as varchar(16)) dimension"
            + " union all select cast('department' as varchar(16)) union all select cast('grade' as varchar(16))"
            + " union all select cast('channel' as varchar(16)) union all select cast('regulator' as varchar(16))"
            + " union all select cast('" + Slice.COMBO + "' as varchar(16))"
            + " union all select cast('" + Slice.DEPT_COMBO + "' as varchar(16)))";

    /** A row's value in the slice {@code dm.dimension} (null: none; a department's are null without the variable). */
    private static final String VALUE_OF = "case dm.dimension when 'all' then '' when 'department' then %1$s.dep"
            + " when 'grade' then %1$s.grade when 'channel' then %1$s.channel when 'regulator' then %1$s.regulator"
            + " when '" + Slice.COMBO + "' then " + Slice.comboSql("%1$s")
            + " when '" + Slice.DEPT_COMBO + "' then case when %1$s.dep is not null then %1$s.dep || '|' || "
            + Slice.comboSql("%1$s") + " end end";

    /** The department slices of a complaint's departments (complaint_department {@code cd}): single and combined. */
    private static final String DEPARTMENT_DIMENSIONS = "(select cast('department' as varchar(16)) dimension"
            + " union all select cast('" + Slice.DEPT_COMBO + "' as varchar(16)))";

    private static final String DEPARTMENT_VALUE_OF = "case dm.dimension when 'department' then cd.department"
            + " else cd.department || '|' || " + Slice.comboSql("%1$s") + " end";

    /** PostgreSQL fills this many business days per transaction (hash joins instead of a probe per stay). */
    private static final int DAYS_PER_BATCH = 31;

    private final ZoneId zone;
    private final OpenStays openStays;
    private volatile Boolean postgres;

    HeatFill(ZoneId zone, OpenStays openStays) {
        this.zone = zone;
        this.openStays = openStays;
    }

    /** Open stays from history unless they are already there (state row 2). Returns the stays filled, or -1. */
    long fillOpenStays(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try {
            if (!claim(connection, 2, null, null, true)) {
                return -1;
            }
            long filled = openStays.fill(connection, processKeys(connection));
            setFilled(connection, 2, filled);
            connection.commit();
            openStays.vacuum(connection);
            return filled;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /**
     * Claims the fill of the rollups up to {@code engineNow} unless it was claimed before (state row 1), emptying
     * them in the claim's transaction. Returns whether days are left to fill (this node's claim or an earlier one).
     */
    boolean claimRollups(Connection connection, Instant engineNow) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Boolean done = null;
            try (var statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select done from heat_rollup_state where id = 1")) {
                if (rs.next()) {
                    done = rs.getBoolean(1);
                }
            }
            if (done != null) {
                connection.commit();
                return !done;
            }
            LocalDate first = nextDayWithHistory(connection, null, engineNow);
            if (claim(connection, 1, engineNow, first, first == null)) {
                try (var statement = connection.createStatement()) {
                    statement.executeUpdate("delete from heat_stay");
                    statement.executeUpdate("delete from heat_escalation");
                }
            }
            boolean left;
            try (var statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select done from heat_rollup_state where id = 1")) {
                left = rs.next() && !rs.getBoolean(1);
            }
            connection.commit();
            return left;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Inserts the state row; false (nothing changed) if another node's is there — after waiting for its commit. */
    private static boolean claim(Connection connection, int id, Instant fillUntil, LocalDate nextDay, boolean done)
            throws SQLException {
        var savepoint = connection.setSavepoint();
        try (PreparedStatement claim = connection.prepareStatement("insert into heat_rollup_state"
                + " (id, filled_at, stays_filled, fill_until, next_day, done) values (?, ?, 0, ?, ?, ?)")) {
            claim.setInt(1, id);
            claim.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            claim.setTimestamp(3, fillUntil == null ? null : Timestamp.from(fillUntil));
            setDate(claim, 4, nextDay);
            claim.setBoolean(5, done);
            claim.executeUpdate();
            return true;
        } catch (SQLException e) {
            connection.rollback(savepoint);
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static void setDate(PreparedStatement statement, int index, LocalDate day) throws SQLException {
        if (day == null) {
            statement.setNull(index, java.sql.Types.DATE);
        } else {
            statement.setObject(index, day);
        }
    }

    private static void setFilled(Connection connection, int id, long stays) throws SQLException {
        try (PreparedStatement done = connection.prepareStatement(
                "update heat_rollup_state set stays_filled = stays_filled + ? where id = ?")) {
            done.setLong(1, stays);
            done.setInt(2, id);
            done.executeUpdate();
        }
    }

    /**
     * The next business days of history into heat_stay and heat_escalation — on PostgreSQL up to a month at once (the
     * day of each row computed in SQL), on H2 one — in one transaction with the state row (locked first). Returns
     * false when there were none left (and the fill is marked done).
     */
    boolean fillNextDay(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try {
            LocalDate day;
            Instant until;
            try (var statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "select next_day, fill_until, done from heat_rollup_state where id = 1 for update")) {
                if (!rs.next() || rs.getBoolean("done")) {
                    connection.commit();
                    return false;
                }
                day = rs.getObject("next_day", LocalDate.class);
                until = rs.getTimestamp("fill_until").toInstant();
            }
            if (day == null || day.atStartOfDay(zone).toInstant().isAfter(until)) {
                try (var statement = connection.createStatement()) {
                    statement.executeUpdate("update heat_rollup_state set done = true, next_day = null where id = 1");
                }
                connection.commit();
                return false;
            }
            boolean pg = postgres(connection);
            if (pg) {
                try (var statement = connection.createStatement()) {
                    statement.execute("set local work_mem = '64MB'");
                    statement.execute("set local jit = off");
                }
            }
            Instant from = day.atStartOfDay(zone).toInstant();
            Instant to = day.plusDays(pg ? DAYS_PER_BATCH : 1).atStartOfDay(zone).toInstant();
            if (to.isAfter(until)) {
                to = until;
            }
            List<String> keys = processKeys(connection);
            long stays = keys.isEmpty() ? 0 : fillStays(connection, keys, day, from, to);
            fillEscalations(connection, day, from, to);
            LocalDate next = to.equals(until) ? null : nextDayWithHistory(connection, to, until);
            try (PreparedStatement moveOn = connection.prepareStatement("update heat_rollup_state"
                    + " set next_day = ?, done = ?, stays_filled = stays_filled + ? where id = 1")) {
                setDate(moveOn, 1, next);
                moveOn.setBoolean(2, next == null);
                moveOn.setLong(3, stays);
                moveOn.executeUpdate();
            }
            connection.commit();
            return next != null;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /**
     * The stays of the processes that ended in [from, to), with their complaint's slices and their business day:
     * computed on PostgreSQL (engine times are the JVM's local time), the batch's one day on H2.
     */
    private static String staysOf(int keys, boolean pg) {
        return "select " + (pg ? "cast((ai.end_time_ at time zone ?) at time zone ? as date)" : "cast(? as date)")
                + " d, ai.proc_def_key_ pk, ai.act_id_ act, " + BUCKET + " bucket,"
                + " case when coalesce(ai.duration_, 0) < 0 then 0 else coalesce(ai.duration_, 0) end ms,"
                + " c.case_number cn, c.grade, c.channel, c.regulator, "
                + OpenStays.DEPARTMENT_OF_INSTANCE.formatted("ai.proc_inst_id_") + " dep"
                + " from act_hi_actinst ai join act_hi_procinst pi on pi.id_ = ai.proc_inst_id_"
                + " left join complaint c on c.case_number = pi.business_key_"
                + " where ai.proc_def_key_ in (" + "?,".repeat(keys - 1) + "?) and ai.end_time_ >= ?"
                + " and ai.end_time_ < ? and ai." + HeatmapService.WAIT_TYPES_CONDITION;
    }

    /** Each stay of {@code first} once per slice (and of {@code second} per department of its complaint). */
    private static String slicesOf(String first, String second) {
        return "select d, pk, dimension, dim_value, act, bucket, count(*) n, sum(ms) total from ("
                + " select s.d, s.pk, dm.dimension, " + VALUE_OF.formatted("s") + " dim_value, s.act, s.bucket, s.ms,"
                + " s.cn from " + first + " s cross join " + DIMENSIONS + " dm"
                + " union all select s.d, s.pk, dm.dimension, " + DEPARTMENT_VALUE_OF.formatted("s") + ", s.act,"
                + " s.bucket, s.ms, s.cn from " + second + " s join complaint_department cd on cd.case_number = s.cn"
                + " cross join " + DEPARTMENT_DIMENSIONS + " dm where s.dep is null) x"
                + " where x.dimension = 'all' or (x.cn is not null and x.dim_value is not null)"
                + " group by d, pk, dimension, dim_value, act, bucket";
    }

    private long fillStays(Connection connection, List<String> keys, LocalDate day, Instant from, Instant to)
            throws SQLException {
        boolean pg = postgres(connection);
        String stays = staysOf(keys.size(), pg);
        String sql = pg
                ? "with s as materialized (" + stays + ") insert into heat_stay (process_key, dimension, dim_value,"
                        + " end_day, activity_id, bucket, stays, total_ms) select pk, dimension, dim_value, d, act,"
                        + " bucket, n, total from (" + slicesOf("s", "s") + ") y"
                        + " order by pk, dimension, dim_value, d, act, bucket"
                        + " on conflict (process_key, dimension, dim_value, end_day, activity_id, bucket) do update"
                        + " set stays = heat_stay.stays + excluded.stays,"
                        + " total_ms = heat_stay.total_ms + excluded.total_ms"
                : "merge into heat_stay t using (select pk, dimension, dim_value, d end_day, act, bucket, n, total"
                        + " from (" + slicesOf("(" + stays + ")", "(" + stays + ")") + ") y) src"
                        + " on (t.process_key = src.pk and t.dimension = src.dimension and t.dim_value = src.dim_value"
                        + " and t.end_day = src.end_day and t.activity_id = src.act and t.bucket = src.bucket)"
                        + " when matched then update set stays = t.stays + src.n, total_ms = t.total_ms + src.total"
                        + " when not matched then insert (process_key, dimension, dim_value, end_day, activity_id,"
                        + " bucket, stays, total_ms) values (src.pk, src.dimension, src.dim_value, src.end_day,"
                        + " src.act, src.bucket, src.n, src.total)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int i = 1;
            for (int copy = 0; copy < (pg ? 1 : 2); copy++) {
                i = bindDay(insert, i, pg, day);
                i = bindStays(insert, i, keys, from, to);
            }
            insert.executeUpdate();
        }
        try (PreparedStatement count = connection.prepareStatement("select count(*) from act_hi_actinst ai where"
                + " ai.proc_def_key_ in (" + "?,".repeat(keys.size() - 1) + "?) and ai.end_time_ >= ?"
                + " and ai.end_time_ < ? and ai." + HeatmapService.WAIT_TYPES_CONDITION)) {
            int i = 1;
            for (String key : keys) {
                count.setString(i++, key);
            }
            count.setTimestamp(i++, Timestamp.from(from));
            count.setTimestamp(i, Timestamp.from(to));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** PostgreSQL: the JVM's zone (engine times) and the business zone; H2: the batch's day. */
    private int bindDay(PreparedStatement statement, int first, boolean pg, LocalDate day) throws SQLException {
        if (pg) {
            statement.setString(first, java.util.TimeZone.getDefault().getID());
            statement.setString(first + 1, zone.getId());
            return first + 2;
        }
        statement.setObject(first, day);
        return first + 1;
    }

    private static int bindStays(PreparedStatement statement, int first, List<String> keys, Instant from, Instant to)
            throws SQLException {
        int i = first;
        statement.setDouble(i++, StayHistogram.LN_WIDTH);
        for (String key : keys) {
            statement.setString(i++, key);
        }
        statement.setTimestamp(i++, Timestamp.from(from));
        statement.setTimestamp(i++, Timestamp.from(to));
        return i;
    }

    /** Escalations (level 1 and up) recorded in [from, to): where their complaint waited at that moment. */
    private static String escalatedOf(boolean pg) {
        return "select " + (pg ? "cast(e.at at time zone ? as date)" : "cast(? as date)") + " d,"
                + """
                 ai.proc_def_key_ pk, ai.act_id_ act, e.case_number cn, c.grade, c.channel, c.regulator,
                  dep.text_ dep
                from escalation e
                join act_hi_procinst pi on pi.business_key_ = e.case_number
                join act_hi_actinst ai on ai.proc_inst_id_ = pi.id_
                join complaint c on c.case_number = e.case_number
                left join act_hi_varinst dep on dep.proc_inst_id_ = pi.id_ and dep.execution_id_ = pi.id_
                  and dep.name_ = 'department'
                where e.level >= 1 and e.at >= ? and e.at < ? and ai.start_time_ < e.at
                  and (ai.end_time_ is null or ai.end_time_ >= e.at) and (dep.text_ is null or dep.text_ = e.department)
                  and ai.""" + HeatmapService.WAIT_TYPES_CONDITION + " and " + HeatmapService.countedCondition("ai");
    }

    private void fillEscalations(Connection connection, LocalDate day, Instant from, Instant to)
            throws SQLException {
        boolean pg = postgres(connection);
        String escalated = escalatedOf(pg);
        String first = pg ? "e2" : "(" + escalated + ")";
        String rows = "select distinct pk, dimension, dim_value, d, act, cn from ("
                + " select e2.d, e2.pk, dm.dimension, " + VALUE_OF.formatted("e2") + " dim_value, e2.act, e2.cn"
                + " from " + first + " e2 cross join " + DIMENSIONS + " dm"
                + " union all select e2.d, e2.pk, dm.dimension, " + DEPARTMENT_VALUE_OF.formatted("e2") + ", e2.act,"
                + " e2.cn from " + first + " e2 join complaint_department cd on cd.case_number = e2.cn"
                + " cross join " + DEPARTMENT_DIMENSIONS + " dm where e2.dep is null) x"
                + " where x.dimension = 'all' or x.dim_value is not null";
        String sql = pg
                ? "with e2 as materialized (" + escalated + ") insert into heat_escalation (process_key, dimension,"
                        + " dim_value, esc_day, activity_id, case_number) " + rows
                        + " order by pk, dimension, dim_value, d, act, cn on conflict do nothing"
                : "merge into heat_escalation (process_key, dimension, dim_value, esc_day, activity_id, case_number)"
                        + " key (process_key, dimension, dim_value, esc_day, activity_id, case_number) " + rows;
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int i = 1;
            for (int copy = 0; copy < (pg ? 1 : 2); copy++) {
                if (pg) {
                    insert.setString(i++, zone.getId());
                } else {
                    insert.setObject(i++, day);
                }
                insert.setObject(i++, from.atOffset(ZoneOffset.UTC));
                insert.setObject(i++, to.atOffset(ZoneOffset.UTC));
            }
            insert.executeUpdate();
        }
    }

    /**
     * The first business day at or after {@code after} (or ever) with a stay that ended or an escalation, before
     * {@code until}; null if none.
     */
    private LocalDate nextDayWithHistory(Connection connection, Instant after, Instant until) throws SQLException {
        Instant first = null;
        String since = after == null ? "" : " and end_time_ >= ?";
        try (PreparedStatement stays = connection.prepareStatement("select min(end_time_) from act_hi_actinst"
                + " where proc_def_key_ = ? and end_time_ < ?" + since + " and " + HeatmapService.WAIT_TYPES_CONDITION)) {
            for (String key : processKeys(connection)) {
                stays.setString(1, key);
                stays.setTimestamp(2, Timestamp.from(until));
                if (after != null) {
                    stays.setTimestamp(3, Timestamp.from(after));
                }
                try (ResultSet rs = stays.executeQuery()) {
                    if (rs.next() && rs.getTimestamp(1) != null) {
                        first = earlier(first, rs.getTimestamp(1).toInstant());
                    }
                }
            }
        }
        try (PreparedStatement escalations = connection.prepareStatement("select min(at) from escalation"
                + " where level >= 1 and at < ?" + (after == null ? "" : " and at >= ?"))) {
            escalations.setObject(1, until.atOffset(ZoneOffset.UTC));
            if (after != null) {
                escalations.setObject(2, after.atOffset(ZoneOffset.UTC));
            }
            try (ResultSet rs = escalations.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    first = earlier(first, rs.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
        }
        return first == null ? null : LocalDate.ofInstant(first, zone);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    /** The processes whose stays the heat keeps ({@link HeatmapService#counted}). */
    static List<String> processKeys(Connection connection) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (var statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select distinct key_ from act_re_procdef order by key_")) {
            while (rs.next()) {
                if (HeatmapService.counted(rs.getString(1))) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    private boolean postgres(Connection connection) throws SQLException {
        if (postgres == null) {
            postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
        return postgres;
    }
}
