package io.complaintflow.pdca;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.PersonalRecords;
import java.util.function.UnaryOperator;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reviews that feed PDCA. A new handover starts a pdca-review ({@link PdcaReviews}), which picks it up
 * ({@link #pickUp}); one picked up by hand leaves the open list too. Handing the same source over twice keeps the first.
 */
@Repository
public class PdcaHandovers implements PersonalRecords {

    private final JdbcClient jdbc;
    private final BusinessClock clock;
    private final ApplicationEventPublisher events;

    public PdcaHandovers(JdbcClient jdbc, BusinessClock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    public PdcaHandover handOver(String source, String sourceRef, String title, String findings, String improvements,
                                 String actor) {
        Optional<PdcaHandover> existing = find(source, sourceRef);
        if (existing.isPresent()) {
            return existing.get();
        }
        jdbc.sql("insert into pdca_handover (source, source_ref, title, findings, improvements, handed_over_by,"
                        + " handed_over_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(source, sourceRef, title, findings, improvements, actor, odt(clock.now())).update();
        PdcaHandover handover = find(source, sourceRef).orElseThrow();
        events.publishEvent(new PdcaHandedOver(handover));
        return handover;
    }

    public Optional<PdcaHandover> find(String source, String sourceRef) {
        return jdbc.sql("select * from pdca_handover where source = ? and source_ref = ?").params(source, sourceRef)
                .query(PdcaHandovers::map).optional();
    }

    public Optional<PdcaHandover> find(long id) {
        return jdbc.sql("select * from pdca_handover where id = ?").param(id).query(PdcaHandovers::map).optional();
    }

    /** Handovers no PDCA review has picked up yet, oldest first. */
    public List<PdcaHandover> open() {
        return jdbc.sql("select * from pdca_handover where picked_up_at is null order by handed_over_at, id")
                .query(PdcaHandovers::map).list();
    }

    public boolean pickUp(long id, String actor) {
        return jdbc.sql("update pdca_handover set picked_up_at = ?, picked_up_by = ? where id = ? and picked_up_at is null")
                .params(odt(clock.now()), actor, id).update() == 1;
    }


    private static PdcaHandover map(ResultSet rs, int row) throws SQLException {
        return new PdcaHandover(rs.getLong("id"), rs.getString("source"), rs.getString("source_ref"),
                rs.getString("title"), rs.getString("findings"), rs.getString("improvements"),
                rs.getString("handed_over_by"), instant(rs, "handed_over_at"), instant(rs, "picked_up_at"),
                rs.getString("picked_up_by"));
    }

    /**
     * Erasure: the reviews handed over from the crises of this complaint and of its mass incident (their titles,
     * findings and improvements name the case), scrubbed.
     */
    @Override
    public void anonymise(String caseNumber, UnaryOperator<String> scrub) {
        jdbc.sql("select id, title, findings, improvements from pdca_handover where source_ref in (select business_key"
                        + " from crisis where case_number = ? or mass_incident_id in"
                        + " (select incident_id from mass_incident_member where case_number = ?))")
                .params(caseNumber, caseNumber)
                .query((h, n) -> jdbc.sql("update pdca_handover set title = ?, findings = ?, improvements = ?"
                                + " where id = ?")
                        .params(PersonalRecords.cut(scrub.apply(h.getString("title")), 200),
                                PersonalRecords.cut(scrub.apply(h.getString("findings")), 5000),
                                PersonalRecords.cut(scrub.apply(h.getString("improvements")), 5000), h.getLong("id"))
                        .update()).list();
    }
}
