package io.complaintflow.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stays open now ({@code heat_open_stay}), written on the engine's connection in the transaction that starts,
 * migrates or ends them ({@link HeatRollupSession}), and filled once from the engine's history ({@link #fill}).
 * A row carries what "waiting" and "overdue" need without history: the complaint it counts for (the instance's
 * business key, or the instance), its case number if it is a complaint's, the department of a department's own
 * instance (its {@code department} variable), since when it waits and its task's due date.
 */
final class OpenStays {

    /**
     * A stay one command started, with its instance's business key and department variable as the engine holds them
     * (its due date set by the task created with it).
     */
    record Started(String activityInstanceId, String processKey, String activityId, String processInstanceId,
                   String processDefinitionId, Date since, String businessKey, String department, Date taskDue) {

        Started due(Date due) {
            return new Started(activityInstanceId, processKey, activityId, processInstanceId, processDefinitionId,
                    since, businessKey, department, due);
        }

        Started migratedTo(String key, String activity, String definition) {
            return new Started(activityInstanceId, key, activity, processInstanceId, definition, since, businessKey,
                    department, taskDue);
        }

        /** The complaint the stay counts for: its instance's business key, or the instance. */
        String complaintKey() {
            return businessKey != null ? businessKey : processInstanceId;
        }
    }

    /** A complaint at an activity: its stays there are marked {@code several} when there are more than one. */
    record Key(String processKey, String activityId, String complaintKey) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::processKey)
                .thenComparing(Key::activityId).thenComparing(Key::complaintKey);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    /** A stay moved to another diagram (process instance migration): its new activity and definition. */
    record Migration(String activityInstanceId, String processKey, String activityId, String processDefinitionId) {
    }

    /** The first key of the heat's advisory locks (the second: the hash of a {@link Key}). */
    private static final int LOCK_CLASS = 2020;

    private volatile Boolean postgres;

    private static final String COLUMNS = "activity_instance_id, process_key, activity_id, process_instance_id,"
            + " process_definition_id, complaint_key, case_number, department, since, task_due";

    /** The instance's department variable (one, should it have been written twice), as the heat's queries read it. */
    static final String DEPARTMENT_OF_INSTANCE = "(select max(v.text_) from act_hi_varinst v where"
            + " v.proc_inst_id_ = %1$s and v.execution_id_ = %1$s and v.name_ = 'department')";

    /**
     * Writes what one command did and keeps the {@code several} marks of the complaints it touched. On PostgreSQL the
     * touched (process, activity, complaint) keys are locked first (transaction-level advisory locks, in key order):
     * two transactions adding or ending stays of one complaint at one activity mark them one after the other, the
     * second seeing the first's rows. (H2, for development and tests, does not lock.) Returns, by process instance,
     * what the rollup needs of the ended stays' instances where it was read with their deletion (PostgreSQL).
     */
    Map<String, HeatRollup.Dims> write(Connection connection, List<Started> started, Collection<Migration> migrated,
                                       Map<String, Date> dues, Collection<String> ended) throws SQLException {
        if (migrated.isEmpty() && postgres(connection)) {
            return writeLean(connection, started, dues, ended);
        }
        TreeSet<Key> touched = new TreeSet<>();
        started.forEach(s -> touched.add(new Key(s.processKey(), s.activityId(), s.complaintKey())));
        if (!ended.isEmpty() || !migrated.isEmpty()) {
            touched.addAll(keysOf(connection, ended, migrated));
        }
        lock(connection, touched);
        if (!started.isEmpty()) {
            insert(connection, started);
        }
        if (!migrated.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement("update heat_open_stay set process_key = ?,"
                    + " activity_id = ?, process_definition_id = ? where activity_instance_id = ?")) {
                for (Migration m : sorted(migrated, Migration::activityInstanceId)) {
                    update.setString(1, m.processKey());
                    update.setString(2, m.activityId());
                    update.setString(3, m.processDefinitionId());
                    update.setString(4, m.activityInstanceId());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        updateDues(connection, dues);
        delete(connection, ended);
        mark(connection, touched);
        return Map.of();
    }

    /**
     * PostgreSQL without migrations, in fewer statements than {@link #write}'s general path (bench/README.md, "the
     * heat's stays"): an ended stay not marked several was its complaint's only stay at its activity, so its deletion
     * touches no mark and needs no lock — it is deleted first, handing back what the rollup needs of its instance
     * (read as {@link HeatRollup}'s own query reads it); a started stay is inserted with its complaint looked up and
     * with whether another stay of its key exists (after the key's lock, so seeing every committed one), and the
     * marks are written only for keys that now hold several stays. Ended stays marked several take the general path.
     */
    private Map<String, HeatRollup.Dims> writeLean(Connection connection, List<Started> started,
                                                  Map<String, Date> dues, Collection<String> ended)
            throws SQLException {
        Map<String, HeatRollup.Dims> dims = new HashMap<>();
        Set<String> left = new TreeSet<>(ended);
        if (!left.isEmpty()) {
            left.removeAll(deleteAlone(connection, left, dims));
        }
        TreeSet<Key> touched = new TreeSet<>();
        started.forEach(s -> touched.add(new Key(s.processKey(), s.activityId(), s.complaintKey())));
        Set<Key> marks = new TreeSet<>();
        if (!left.isEmpty()) {
            marks.addAll(keysOf(connection, left, List.of()));
            touched.addAll(marks);
        }
        lock(connection, touched);
        if (!started.isEmpty()) {
            marks.addAll(insertLean(connection, started));
        }
        updateDues(connection, dues);
        delete(connection, left);
        mark(connection, marks);
        return dims;
    }

    /**
     * Deletes the stays not marked several, returning their ids, with their instances' department variable, complaint
     * and the complaint's departments — {@link HeatRollup}'s dimensions — into {@code dims}.
     */
    private static Set<String> deleteAlone(Connection connection, Set<String> ids, Map<String, HeatRollup.Dims> dims)
            throws SQLException {
        Set<String> deleted = new HashSet<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            try (PreparedStatement delete = connection.prepareStatement("delete from heat_open_stay os"
                    + " where os.activity_instance_id in (" + "?,".repeat(chunk.size() - 1) + "?) and not os.several"
                    + " returning os.activity_instance_id, os.process_instance_id,"
                    + " array(select coalesce(v.text_, '') from act_hi_varinst v where v.proc_inst_id_ ="
                    + " os.process_instance_id and v.execution_id_ = os.process_instance_id"
                    + " and v.name_ = 'department') var_departments,"
                    + " (select array[c.grade, c.channel, c.regulator] from complaint c"
                    + " where c.case_number = os.case_number) complaint,"
                    + " array(select d.department from complaint_department d where d.case_number = os.case_number)"
                    + " departments")) {
                for (int i = 0; i < chunk.size(); i++) {
                    delete.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = delete.executeQuery()) {
                    while (rs.next()) {
                        deleted.add(rs.getString("activity_instance_id"));
                        String[] complaint = strings(rs, "complaint");
                        if (complaint != null) {
                            dims.put(rs.getString("process_instance_id"), HeatRollup.Dims.of(
                                    java.util.Arrays.asList(strings(rs, "var_departments")),
                                    java.util.Arrays.asList(strings(rs, "departments")),
                                    complaint[0], complaint[1], complaint[2]));
                        } else {
                            dims.put(rs.getString("process_instance_id"), HeatRollup.Dims.NONE);
                        }
                    }
                }
            }
        }
        return deleted;
    }

    private static String[] strings(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        String[] strings = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            strings[i] = (String) values[i];
        }
        return strings;
    }

    /**
     * Inserts the started stays (PostgreSQL), each with its case number if its business key is a complaint's, marked
     * several if another stay of its key exists; returns the keys whose marks must be written: those, and keys
     * started more than once now.
     */
    private static Set<Key> insertLean(Connection connection, List<Started> started) throws SQLException {
        Set<Key> marks = new TreeSet<>();
        Set<Key> seen = new HashSet<>();
        for (Started s : started) {
            Key key = new Key(s.processKey(), s.activityId(), s.complaintKey());
            if (!seen.add(key)) {
                marks.add(key);
            }
        }
        List<Started> all = sorted(started, Started::activityInstanceId);
        for (int from = 0; from < all.size(); from += 500) {
            List<Started> chunk = all.subList(from, Math.min(all.size(), from + 500));
            try (PreparedStatement insert = connection.prepareStatement("insert into heat_open_stay (" + COLUMNS
                    + ", several) select v.id, v.pk, v.act, v.pi, v.pd, v.ck,"
                    + " (select c.case_number from complaint c where c.case_number = v.bk), v.dep, v.since, v.due,"
                    + " exists (select 1 from heat_open_stay o where o.process_key = v.pk and o.activity_id = v.act"
                    + " and o.complaint_key = v.ck) from (values "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, cast(? as timestamp), cast(? as timestamp)),".repeat(chunk.size() - 1)
                    + "(?, ?, ?, ?, ?, ?, ?, ?, cast(? as timestamp), cast(? as timestamp)))"
                    + " v(id, pk, act, pi, pd, ck, bk, dep, since, due)"
                    + " returning process_key, activity_id, complaint_key, several")) {
                int i = 1;
                for (Started s : chunk) {
                    insert.setString(i++, s.activityInstanceId());
                    insert.setString(i++, s.processKey());
                    insert.setString(i++, s.activityId());
                    insert.setString(i++, s.processInstanceId());
                    insert.setString(i++, s.processDefinitionId());
                    insert.setString(i++, s.complaintKey());
                    insert.setString(i++, s.businessKey());
                    insert.setString(i++, s.department());
                    setTimestamp(insert, i++, s.since());
                    setTimestamp(insert, i++, s.taskDue());
                }
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getBoolean("several")) {
                            marks.add(new Key(rs.getString("process_key"), rs.getString("activity_id"),
                                    rs.getString("complaint_key")));
                        }
                    }
                }
            }
        }
        return marks;
    }

    private static void updateDues(Connection connection, Map<String, Date> dues) throws SQLException {
        if (dues.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update heat_open_stay set task_due = ? where activity_instance_id = ?")) {
            for (Map.Entry<String, Date> due : new TreeMap<>(dues).entrySet()) {
                setTimestamp(update, 1, due.getValue());
                update.setString(2, due.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static void delete(Connection connection, Collection<String> ended) throws SQLException {
        if (ended.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from heat_open_stay where activity_instance_id = ?")) {
            for (String id : sorted(ended, s -> s)) {
                delete.setString(1, id);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /**
     * The keys whose marks may change: of the ended stays marked several (an unmarked one was its complaint's only
     * stay there), and of the migrated ones before (if marked) and after.
     */
    private static Set<Key> keysOf(Connection connection, Collection<String> ended, Collection<Migration> migrated)
            throws SQLException {
        Map<String, Migration> moves = new HashMap<>();
        migrated.forEach(m -> moves.put(m.activityInstanceId(), m));
        List<String> ids = new ArrayList<>(new TreeSet<>(ended));
        ids.addAll(moves.keySet());
        Set<Key> keys = new TreeSet<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            try (PreparedStatement select = connection.prepareStatement("select activity_instance_id, process_key,"
                    + " activity_id, complaint_key, several from heat_open_stay where activity_instance_id in ("
                    + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getBoolean("several")) {
                            keys.add(new Key(rs.getString("process_key"), rs.getString("activity_id"),
                                    rs.getString("complaint_key")));
                        }
                        Migration move = moves.get(rs.getString("activity_instance_id"));
                        if (move != null) {
                            keys.add(new Key(move.processKey(), move.activityId(), rs.getString("complaint_key")));
                        }
                    }
                }
            }
        }
        return keys;
    }

    /** PostgreSQL: the keys' advisory locks, in key order, held until the transaction ends. */
    private void lock(Connection connection, Set<Key> keys) throws SQLException {
        if (keys.isEmpty() || !postgres(connection)) {
            return;
        }
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(" + LOCK_CLASS
                + ", hashtext(k.v)) from (values " + "(?),".repeat(keys.size() - 1) + "(?)) k(v)")) {
            int i = 1;
            for (Key key : keys) {
                lock.setString(i++, key.processKey() + "|" + key.activityId() + "|" + key.complaintKey());
            }
            lock.executeQuery().close();
        }
    }

    /**
     * Marks the keys' stays several when there are more than one, unmarks them otherwise (only rows that change): one
     * statement for all the keys of a flush (up to 500), not one per key — a new complaint touches half a dozen.
     */
    private static void mark(Connection connection, Set<Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        String count = "(select count(*) from heat_open_stay o where o.process_key = s.process_key"
                + " and o.activity_id = s.activity_id and o.complaint_key = s.complaint_key) > 1";
        List<Key> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += 500) {
            List<Key> chunk = all.subList(from, Math.min(all.size(), from + 500));
            try (PreparedStatement update = connection.prepareStatement("update heat_open_stay s set several = "
                    + count + " where (s.process_key, s.activity_id, s.complaint_key) in ("
                    + "(?, ?, ?),".repeat(chunk.size() - 1) + "(?, ?, ?)) and s.several <> (" + count + ")")) {
                int i = 1;
                for (Key key : chunk) {
                    update.setString(i++, key.processKey());
                    update.setString(i++, key.activityId());
                    update.setString(i++, key.complaintKey());
                }
                update.executeUpdate();
            }
        }
    }

    private boolean postgres(Connection connection) throws SQLException {
        if (postgres == null) {
            postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
        return postgres;
    }

    private static void insert(Connection connection, List<Started> started) throws SQLException {
        Set<String> complaints = complaints(connection, started.stream().map(Started::businessKey)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        try (PreparedStatement insert = connection.prepareStatement("insert into heat_open_stay (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Started s : sorted(started, Started::activityInstanceId)) {
                insert.setString(1, s.activityInstanceId());
                insert.setString(2, s.processKey());
                insert.setString(3, s.activityId());
                insert.setString(4, s.processInstanceId());
                insert.setString(5, s.processDefinitionId());
                insert.setString(6, s.complaintKey());
                insert.setString(7, complaints.contains(s.businessKey()) ? s.businessKey() : null);
                insert.setString(8, s.department());
                setTimestamp(insert, 9, s.since());
                setTimestamp(insert, 10, s.taskDue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Which of the business keys are complaints' case numbers. */
    private static Set<String> complaints(Connection connection, Collection<String> businessKeys)
            throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> keys = new ArrayList<>(businessKeys);
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
            try (PreparedStatement statement = connection.prepareStatement("select case_number from complaint"
                    + " where case_number in (" + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    /**
     * Fills the table from the engine's history: every visit of a place where complaints wait that has not ended,
     * process by process, in the connection's transaction (the caller's, before its engine runs anything). Returns
     * the stays filled.
     */
    long fill(Connection connection, List<String> processKeys) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.executeUpdate("delete from heat_open_stay");
        }
        long filled = 0;
        try (PreparedStatement insert = connection.prepareStatement("insert into heat_open_stay (" + COLUMNS + ")"
                + " select ai.id_, ai.proc_def_key_, ai.act_id_, ai.proc_inst_id_, ai.proc_def_id_,"
                + " coalesce(pi.business_key_, ai.proc_inst_id_), c.case_number, "
                + DEPARTMENT_OF_INSTANCE.formatted("ai.proc_inst_id_") + ", ai.start_time_, t.due_date_"
                + " from act_hi_actinst ai join act_hi_procinst pi on pi.id_ = ai.proc_inst_id_"
                + " left join complaint c on c.case_number = pi.business_key_"
                + " left join act_hi_taskinst t on t.id_ = ai.task_id_"
                + " where ai.proc_def_key_ = ? and ai.end_time_ is null and ai.start_time_ is not null and ai."
                + HeatmapService.WAIT_TYPES_CONDITION)) {
            for (String key : processKeys) {
                insert.setString(1, key);
                filled += insert.executeUpdate();
            }
        }
        try (var statement = connection.createStatement()) {
            statement.executeUpdate("update heat_open_stay s set several = true where exists (select 1"
                    + " from heat_open_stay o where o.process_key = s.process_key and o.activity_id = s.activity_id"
                    + " and o.complaint_key = s.complaint_key and o.activity_instance_id <> s.activity_instance_id)");
        }
        return filled;
    }

    /**
     * PostgreSQL, after the fill's commit: a bulk load — the overlay's first plans need the table's statistics now,
     * and its index-only scans the pages marked all-visible (V88), not at autovacuum's turn. Leaves the connection
     * in auto-commit.
     */
    void vacuum(Connection connection) throws SQLException {
        if (postgres(connection)) {
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("vacuum (analyze) heat_open_stay");
            }
        }
    }

    private static void setTimestamp(PreparedStatement statement, int index, Date value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP);
        } else {
            statement.setTimestamp(index, new Timestamp(value.getTime()));
        }
    }

    private static <T> List<T> sorted(Collection<T> items, java.util.function.Function<T, String> key) {
        List<T> list = new ArrayList<>(items);
        list.sort(Comparator.comparing(key));
        return list;
    }
}
