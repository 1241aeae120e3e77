package io.complaintflow.report;

import io.complaintflow.escalation.Escalated;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records where a complaint waited when it was escalated, in the escalation's transaction. */
@Component
class EscalationHeat {

    private final HeatRollup rollup;
    private final JdbcTemplate jdbc;

    EscalationHeat(HeatRollupPlugin plugin, JdbcTemplate jdbc) {
        this.rollup = plugin.rollup();
        this.jdbc = jdbc;
    }

    @EventListener
    void on(Escalated escalation) {
        if (escalation.level() >= 1) {
            jdbc.execute((ConnectionCallback<Void>) connection -> {
                rollup.addEscalation(connection, escalation.caseNumber(), escalation.department(), escalation.at());
                return null;
            });
        }
    }
}
