package io.complaintflow.mass;

import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Grade;
import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import io.complaintflow.transaction.TransactionMemory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Mass incidents and their linked complaints (tables mass_incident, mass_incident_member). */
@Repository("massIncidentRepository")
public class MassIncidents {

    private final JdbcClient jdbc;

    /**
     * Which incident a complaint belongs to, read once per transaction: the intake's job asks twice (the grading's
     * input, then the gateway 已有统一答复？), mostly to learn it belongs to none. {@link #link} forgets the case.
     */
    private final TransactionMemory<String, Optional<Long>> membership = new TransactionMemory<>();

    public MassIncidents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String key(Category category, String product) {
        return category.code() + "|" + product;
    }

    public Optional<MassIncident> findOpen(Category category, String product) {
        return jdbc.sql("select * from mass_incident where incident_key = ? and status = 'OPEN' order by id")
                .param(key(category, product)).query(MassIncidents::map).list().stream().findFirst()
                .map(this::withMembers);
    }

    public Optional<MassIncident> find(long id) {
        return jdbc.sql("select * from mass_incident where id = ?").param(id).query(MassIncidents::map).optional()
                .map(this::withMembers);
    }

    public Optional<MassIncident> ofComplaint(String caseNumber) {
        Map<String, Optional<Long>> memory = membership.inTransaction();
        Optional<Long> incident = memory == null ? incidentOf(caseNumber)
                : memory.computeIfAbsent(caseNumber, this::incidentOf);
        return incident.flatMap(this::find);
    }

    private Optional<Long> incidentOf(String caseNumber) {
        return jdbc.sql("select incident_id from mass_incident_member where case_number = ?").param(caseNumber)
                .query(Long.class).optional();
    }

    public List<MassIncident> openedBetween(Instant from, Instant to) {
        return jdbc.sql("select * from mass_incident where opened_at >= ? and opened_at < ? order by opened_at, id")
                .params(odt(from), odt(to)).query(MassIncidents::map).list().stream().map(this::withMembers).toList();
    }

    /**
     * Complaints about this product and category received since {@code since} that are still open and belong to
     * no incident yet, oldest first.
     */
    public List<String> unlinkedSince(Category category, String product, Instant since) {
        return jdbc.sql("""
                select c.case_number from complaint c
                where c.category = ? and c.product = ? and c.created_at >= ? and c.status <> 'CLOSED'
                  and not exists (select 1 from mass_incident_member m where m.case_number = c.case_number)
                order by c.created_at, c.case_number""")
                .params(category.code(), product, odt(since)).query(String.class).list();
    }

    public long insert(Category category, String product, Grade grade, Instant at) {
        jdbc.sql("insert into mass_incident (incident_key, category, product, status, grade, opened_at)"
                        + " values (?, ?, ?, 'OPEN', ?, ?)")
                .params(key(category, product), category.code(), product, grade.code(), odt(at)).update();
        return jdbc.sql("select max(id) from mass_incident where incident_key = ?").param(key(category, product))
                .query(Long.class).single();
    }

    public void link(long incidentId, String caseNumber, Instant at) {
        Map<String, Optional<Long>> memory = membership.ifUsed();
        if (memory != null) {
            memory.remove(caseNumber);
        }
        jdbc.sql("insert into mass_incident_member (incident_id, case_number, linked_at) values (?, ?, ?)")
                .params(incidentId, caseNumber, odt(at)).update();
    }

    public Instant lastLinkedAt(long incidentId) {
        return jdbc.sql("select max(linked_at) from mass_incident_member where incident_id = ?").param(incidentId)
                .query((rs, i) -> rs.getObject(1, OffsetDateTime.class)).single().toInstant();
    }

    public void close(long incidentId, Instant at) {
        jdbc.sql("update mass_incident set status = 'CLOSED', closed_at = ? where id = ?").params(odt(at), incidentId)
                .update();
    }

    public void grade(long incidentId, Grade grade) {
        jdbc.sql("update mass_incident set grade = ? where id = ?").params(grade.code(), incidentId).update();
    }

    public void answer(long incidentId, String answer, BigDecimal compensation, String actor, Instant at) {
        jdbc.sql("update mass_incident set answer = ?, compensation = ?, answered_by = ?, answered_at = ? where id = ?")
                .params(answer, compensation, actor, odt(at), incidentId).update();
    }

    private MassIncident withMembers(MassIncident i) {
        List<String> members = jdbc.sql("select case_number from mass_incident_member where incident_id = ?"
                        + " order by linked_at, case_number")
                .param(i.id()).query(String.class).list();
        return new MassIncident(i.id(), i.category(), i.product(), i.status(), i.grade(), i.openedAt(), i.answer(),
                i.compensation(), i.answeredBy(), i.answeredAt(), members);
    }



    private static MassIncident map(ResultSet rs, int row) throws SQLException {
        BigDecimal compensation = rs.getBigDecimal("compensation");
        return new MassIncident(rs.getLong("id"), Category.of(rs.getString("category")), rs.getString("product"),
                rs.getString("status"), Grade.of(rs.getString("grade")), instant(rs, "opened_at"), rs.getString("answer"),
                compensation, rs.getString("answered_by"), instant(rs, "answered_at"), List.of());
    }
}
