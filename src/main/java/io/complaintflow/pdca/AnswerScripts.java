package io.complaintflow.pdca;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import io.complaintflow.complaint.BusinessClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Answer scripts / FAQ per category, versioned (table answer_script): the highest version is current. */
@Repository
public class AnswerScripts {

    private final JdbcClient jdbc;
    private final BusinessClock clock;

    public AnswerScripts(JdbcClient jdbc, BusinessClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<AnswerScript> current(String category) {
        if (category == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from answer_script where category = ? order by version desc")
                .param(category).query(AnswerScripts::map).stream().findFirst();
    }

    /** Every version of the category (newest first), or of every category when {@code category} is null. */
    public List<AnswerScript> history(String category) {
        return category == null
                ? jdbc.sql("select * from answer_script order by category, version desc").query(AnswerScripts::map).list()
                : jdbc.sql("select * from answer_script where category = ? order by version desc").param(category)
                        .query(AnswerScripts::map).list();
    }

    public Optional<AnswerScript> find(long id) {
        return jdbc.sql("select * from answer_script where id = ?").param(id).query(AnswerScripts::map).optional();
    }

    /** Stores the next version of the category's script; a concurrent writer of the same version fails on the key. */
    public AnswerScript publish(String category, String title, String body, String actor, Long sourceCycleId) {
        int version = jdbc.sql("select coalesce(max(version), 0) from answer_script where category = ?")
                .param(category).query(Integer.class).single() + 1;
        jdbc.sql("insert into answer_script (category, version, title, body, created_by, created_at, source_cycle_id)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(category, version, title, body, actor, odt(clock.now()), sourceCycleId).update();
        return current(category).orElseThrow();
    }

    private static AnswerScript map(ResultSet rs, int row) throws SQLException {
        long cycle = rs.getLong("source_cycle_id");
        return new AnswerScript(rs.getLong("id"), rs.getString("category"), rs.getInt("version"), rs.getString("title"),
                rs.getString("body"), rs.getString("created_by"), instant(rs, "created_at"),
                rs.wasNull() ? null : cycle);
    }
}
