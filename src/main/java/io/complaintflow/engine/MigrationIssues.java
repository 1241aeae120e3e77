package io.complaintflow.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The instances a migration refused, in the shared database so every node reports the same. */
@Repository
public class MigrationIssues {

    private final JdbcClient jdbc;

    public MigrationIssues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(MigrationIssue issue) {
        resolve(issue.processInstanceId());
        jdbc.sql("""
                insert into model_migration_issue (process_instance_id, process_key, business_key,
                    source_definition_id, source_version, target_definition_id, target_version, reason, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(issue.processInstanceId(), issue.processKey(), issue.businessKey(),
                        issue.sourceDefinitionId(), issue.sourceVersion(), issue.targetDefinitionId(),
                        issue.targetVersion(), truncate(issue.reason()),
                        OffsetDateTime.ofInstant(issue.recordedAt(), ZoneOffset.UTC))
                .update();
    }

    public void resolve(String processInstanceId) {
        jdbc.sql("delete from model_migration_issue where process_instance_id = ?").param(processInstanceId).update();
    }

    public List<MigrationIssue> all() {
        return jdbc.sql("select * from model_migration_issue order by process_key, recorded_at")
                .query(MigrationIssues::map).list();
    }

    private static MigrationIssue map(ResultSet rs, int row) throws SQLException {
        return new MigrationIssue(rs.getString("process_instance_id"), rs.getString("business_key"),
                rs.getString("process_key"), rs.getString("source_definition_id"), rs.getInt("source_version"),
                rs.getString("target_definition_id"), rs.getInt("target_version"), rs.getString("reason"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant());
    }

    private static String truncate(String reason) {
        return reason.length() <= 4000 ? reason : reason.substring(0, 3997) + "...";
    }

}
