package io.complaintflow.modelpolicy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The violations of the folder's last publication, in the shared database so every node lists the same. */
@Repository
public class ModelPolicyIssues {

    private final JdbcClient jdbc;

    public ModelPolicyIssues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Issue(String resource, String element, int line, String rule, String detail, Instant recordedAt) {
    }

    /** The folder's publication result: its violations, or none when it passed. */
    @Transactional
    public void replaceWith(List<Violation> violations, Instant at) {
        jdbc.sql("delete from model_policy_issue").update();
        for (Violation v : violations) {
            jdbc.sql("insert into model_policy_issue (resource, element, line, rule, detail, recorded_at)"
                            + " values (?, ?, ?, ?, ?, ?)")
                    .params(v.resource(), v.element(), v.line(), v.rule().name(), truncate(v.detail()),
                            OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                    .update();
        }
    }

    public List<Issue> all() {
        return jdbc.sql("select * from model_policy_issue order by resource, line")
                .query((rs, row) -> new Issue(rs.getString("resource"), rs.getString("element"), rs.getInt("line"),
                        rs.getString("rule"), rs.getString("detail"),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private static String truncate(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
    }
}
