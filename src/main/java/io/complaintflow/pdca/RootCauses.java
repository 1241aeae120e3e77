package io.complaintflow.pdca;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.transaction.TransactionMemory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The root-cause taxonomy (table root_cause), seeded by Flyway and kept by process owners. */
@Repository
public class RootCauses {

    private final JdbcClient jdbc;
    private final BusinessClock clock;
    private final TransactionMemory<String, Optional<RootCause>> found = new TransactionMemory<>();

    public RootCauses(JdbcClient jdbc, BusinessClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<RootCause> all() {
        return jdbc.sql("select * from root_cause order by sort_order, code").query(RootCauses::map).list();
    }

    public List<RootCause> active() {
        return all().stream().filter(RootCause::active).toList();
    }

    /**
     * Read once per transaction ({@link TransactionMemory}): the closing form's cause is checked, then named in the
     * closure's timeline entry and mail, in one submission. A write of the taxonomy forgets the transaction's reads.
     */
    public Optional<RootCause> find(String code) {
        Map<String, Optional<RootCause>> read = found.inTransaction();
        if (read == null) {
            return select(code);
        }
        Optional<RootCause> known = read.get(code);
        if (known == null) {
            known = select(code);
            read.put(code, known);
        }
        return known;
    }

    private Optional<RootCause> select(String code) {
        return jdbc.sql("select * from root_cause where code = ?").param(code).query(RootCauses::map).optional();
    }

    private void forget() {
        Map<String, Optional<RootCause>> read = found.ifUsed();
        if (read != null) {
            read.clear();
        }
    }

    public String labelOf(String code) {
        return code == null ? "—" : find(code).map(RootCause::label).orElse(code);
    }

    public void insert(String code, String label, String description, boolean active, int sortOrder, String actor) {
        forget();
        jdbc.sql("insert into root_cause (code, label, description, active, sort_order, updated_by, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(code, label, description, active, sortOrder, actor, odt(clock.now())).update();
    }

    public boolean update(String code, String label, String description, boolean active, int sortOrder, String actor) {
        forget();
        return jdbc.sql("update root_cause set label = ?, description = ?, active = ?, sort_order = ?, updated_by = ?,"
                        + " updated_at = ? where code = ?")
                .params(label, description, active, sortOrder, actor, odt(clock.now()), code).update() == 1;
    }

    private static RootCause map(ResultSet rs, int row) throws SQLException {
        return new RootCause(rs.getString("code"), rs.getString("label"), rs.getString("description"),
                rs.getBoolean("active"), rs.getInt("sort_order"), rs.getString("updated_by"), instant(rs, "updated_at"));
    }
}
