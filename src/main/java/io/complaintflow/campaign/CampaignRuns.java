package io.complaintflow.campaign;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import io.complaintflow.complaint.PersonalRecords;
import java.util.function.UnaryOperator;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CampaignRuns implements PersonalRecords {

    private final JdbcClient jdbc;

    public CampaignRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CampaignRun> findByYear(int year) {
        return jdbc.sql("select * from campaign_run where campaign_year = ?").param(year).query(CampaignRuns::map)
                .optional();
    }

    public List<CampaignRun> all() {
        return jdbc.sql("select * from campaign_run order by campaign_year desc").query(CampaignRuns::map).list();
    }

    /** The phase of the campaign still running, if any (the latest year wins should two overlap). */
    public Optional<String> runningPhase() {
        return jdbc.sql("select phase from campaign_run where ended_at is null order by campaign_year desc")
                .query(String.class).list().stream().findFirst();
    }

    public void insert(CampaignRun run) {
        jdbc.sql("""
                insert into campaign_run (campaign_year, business_key, process_instance_id, phase, started_by,
                  started_at, phase_changed_at, period_from, period_to)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(run.year(), run.businessKey(), run.processInstanceId(), run.phase(), run.startedBy(),
                        odt(run.startedAt()), odt(run.phaseChangedAt()), run.periodFrom(), run.periodTo())
                .update();
    }

    public void updatePhase(long id, String phase, Instant at) {
        jdbc.sql("update campaign_run set phase = ?, phase_changed_at = ? where id = ?")
                .params(phase, odt(at), id).update();
    }

    public void recordCommentary(long id, String commentary) {
        jdbc.sql("update campaign_run set report_commentary = ? where id = ?").params(commentary, id).update();
    }

    public void recordApproval(long id, String approver, Instant at) {
        jdbc.sql("update campaign_run set report_approved_by = ?, report_approved_at = ? where id = ?")
                .params(approver, odt(at), id).update();
    }

    public void end(long id, Instant at) {
        jdbc.sql("update campaign_run set phase = 'none', phase_changed_at = ?, ended_at = ? where id = ?")
                .params(odt(at), odt(at), id).update();
    }

    public void log(long campaignId, Instant at, String actor, String kind, String summary, String detail,
                    String regulator, String batchRef, Integer batchSize) {
        jdbc.sql("""
                insert into campaign_log (campaign_id, at, actor, kind, summary, detail, regulator, batch_ref, batch_size)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(campaignId, odt(at), actor, kind, summary, detail, regulator, batchRef, batchSize).update();
    }

    public List<CampaignLogEntry> log(long campaignId) {
        return jdbc.sql("select * from campaign_log where campaign_id = ? order by id").param(campaignId)
                .query((rs, i) -> new CampaignLogEntry(rs.getLong("id"), instant(rs, "at"), rs.getString("actor"),
                        rs.getString("kind"), rs.getString("summary"), rs.getString("detail"),
                        rs.getString("regulator"), rs.getString("batch_ref"), (Integer) rs.getObject("batch_size")))
                .list();
    }



    private static CampaignRun map(ResultSet rs, int row) throws SQLException {
        return new CampaignRun(rs.getLong("id"), rs.getInt("campaign_year"), rs.getString("business_key"),
                rs.getString("process_instance_id"), rs.getString("phase"), rs.getString("started_by"),
                instant(rs, "started_at"), instant(rs, "phase_changed_at"),
                rs.getObject("period_from", java.time.LocalDate.class), rs.getObject("period_to", java.time.LocalDate.class),
                rs.getString("report_commentary"), rs.getString("report_approved_by"),
                instant(rs, "report_approved_at"), instant(rs, "ended_at"));
    }

    /** Erasure: a 3·15 campaign's log of the backlog review of this complaint (the reviewer's note), scrubbed. */
    @Override
    public void anonymise(String caseNumber, UnaryOperator<String> scrub) {
        jdbc.sql("select id, summary, detail from campaign_log where summary like ?").param("%" + caseNumber + "%")
                .query((rs, n) -> jdbc.sql("update campaign_log set summary = ?, detail = ? where id = ?")
                        .params(PersonalRecords.cut(scrub.apply(rs.getString("summary")), 500),
                                PersonalRecords.cut(scrub.apply(rs.getString("detail")), 5000), rs.getLong("id"))
                        .update()).list();
    }
}
