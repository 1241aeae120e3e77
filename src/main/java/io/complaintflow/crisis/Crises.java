package io.complaintflow.crisis;

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

/** Crises and their event log (tables crisis, crisis_event). */
@Repository
public class Crises implements PersonalRecords {

    private final JdbcClient jdbc;

    public Crises(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String processInstanceId, String source, String caseNumber, Long massIncidentId, String title,
                       String description, String declaredBy, Instant at) {
        // the business key is set once the id is known: the case number, or CRISIS-<id>
        String provisional = "NEW-" + processInstanceId;
        jdbc.sql("""
                insert into crisis (business_key, process_instance_id, source, case_number, mass_incident_id, title,
                  description, declared_by, declared_at, command_level)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""")
                .params(provisional, processInstanceId, source, caseNumber, massIncidentId, title, description,
                        declaredBy, odt(at))
                .update();
        return jdbc.sql("select id from crisis where business_key = ?").param(provisional).query(Long.class).single();
    }

    public void businessKey(long id, String businessKey) {
        jdbc.sql("update crisis set business_key = ? where id = ?").params(businessKey, id).update();
    }

    public Optional<Crisis> find(long id) {
        return jdbc.sql("select * from crisis where id = ?").param(id).query(Crises::map).optional();
    }

    /** The crisis already declared for this complaint, if any. */
    public Optional<Crisis> forCase(String caseNumber) {
        return jdbc.sql("select * from crisis where case_number = ? order by id").param(caseNumber)
                .query(Crises::map).list().stream().findFirst();
    }

    public Optional<Crisis> forIncident(long incidentId) {
        return jdbc.sql("select * from crisis where mass_incident_id = ? order by id").param(incidentId)
                .query(Crises::map).list().stream().findFirst();
    }

    public List<Crisis> declaredBetween(Instant from, Instant to) {
        return jdbc.sql("select * from crisis where declared_at >= ? and declared_at < ? order by declared_at, id")
                .params(odt(from), odt(to)).query(Crises::map).list();
    }

    public void commandLevel(long id, int level) {
        jdbc.sql("update crisis set command_level = ? where id = ?").params(level, id).update();
    }

    public void acknowledged(long id, String commander, Instant at) {
        jdbc.sql("update crisis set commander = ?, acknowledged_at = ? where id = ?").params(commander, odt(at), id)
                .update();
    }

    public void statement(long id, String statement) {
        jdbc.sql("update crisis set statement = ? where id = ?").params(statement, id).update();
    }

    public void published(long id, Instant at) {
        jdbc.sql("update crisis set statement_published_at = ? where id = ?").params(odt(at), id).update();
    }

    public void customerContacted(long id, String note, Instant at) {
        jdbc.sql("update crisis set customer_contacted_at = ?, customer_contact_note = ? where id = ?")
                .params(odt(at), note, id).update();
    }

    public void regulatorLiaison(long id, String note) {
        jdbc.sql("update crisis set regulator_liaison = ? where id = ?").params(note, id).update();
    }

    public void end(long id, Instant at) {
        jdbc.sql("update crisis set ended_at = ? where id = ?").params(odt(at), id).update();
    }

    public void log(long crisisId, Instant at, String actor, String kind, String summary, String detail) {
        jdbc.sql("insert into crisis_event (crisis_id, at, actor, kind, summary, detail) values (?, ?, ?, ?, ?, ?)")
                .params(crisisId, odt(at), actor, kind, summary, detail).update();
    }

    public List<CrisisEvent> log(long crisisId) {
        return jdbc.sql("select * from crisis_event where crisis_id = ? order by id").param(crisisId)
                .query((rs, i) -> new CrisisEvent(rs.getLong("id"), instant(rs, "at"), rs.getString("actor"),
                        rs.getString("kind"), rs.getString("summary"), rs.getString("detail")))
                .list();
    }



    private static Crisis map(ResultSet rs, int row) throws SQLException {
        long incident = rs.getLong("mass_incident_id");
        Long massIncidentId = rs.wasNull() ? null : incident;
        return new Crisis(rs.getLong("id"), rs.getString("business_key"), rs.getString("process_instance_id"),
                rs.getString("source"), rs.getString("case_number"), massIncidentId, rs.getString("title"),
                rs.getString("description"), rs.getString("declared_by"), instant(rs, "declared_at"),
                rs.getInt("command_level"), rs.getString("commander"), instant(rs, "acknowledged_at"),
                rs.getString("statement"), instant(rs, "statement_published_at"),
                instant(rs, "customer_contacted_at"), rs.getString("customer_contact_note"),
                rs.getString("regulator_liaison"), instant(rs, "ended_at"));
    }

    /**
     * Erasure: the crisis of this complaint (G4) and of the mass incident it belongs to — titles, descriptions, notes,
     * statements and every step of their logs. An incident's crisis is shared by all its members: only the erased
     * customers' values go ({@code scrub}).
     */
    @Override
    public void anonymise(String caseNumber, UnaryOperator<String> scrub) {
        for (Long id : jdbc.sql("select id from crisis where case_number = ? or mass_incident_id in"
                        + " (select incident_id from mass_incident_member where case_number = ?)")
                .params(caseNumber, caseNumber).query(Long.class).list()) {
            jdbc.sql("select title, description, statement, customer_contact_note, regulator_liaison from crisis"
                    + " where id = ?").param(id).query((rs, n) -> jdbc.sql("update crisis set title = ?,"
                                    + " description = ?, statement = ?, customer_contact_note = ?,"
                                    + " regulator_liaison = ? where id = ?")
                            .params(PersonalRecords.cut(scrub.apply(rs.getString("title")), 200),
                                    PersonalRecords.cut(scrub.apply(rs.getString("description")), 5000),
                                    PersonalRecords.cut(scrub.apply(rs.getString("statement")), 5000),
                                    PersonalRecords.cut(scrub.apply(rs.getString("customer_contact_note")), 2000),
                                    PersonalRecords.cut(scrub.apply(rs.getString("regulator_liaison")), 2000), id)
                            .update()).list();
            jdbc.sql("select id, summary, detail from crisis_event where crisis_id = ?").param(id)
                    .query((rs, n) -> jdbc.sql("update crisis_event set summary = ?, detail = ? where id = ?")
                            .params(PersonalRecords.cut(scrub.apply(rs.getString("summary")), 500),
                                    PersonalRecords.cut(scrub.apply(rs.getString("detail")), 5000), rs.getLong("id"))
                            .update()).list();
        }
    }
}
