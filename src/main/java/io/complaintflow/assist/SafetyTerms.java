package io.complaintflow.assist;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import io.complaintflow.safety.OwnerTerms.OwnerTerm;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The process owners' additions to the safety lexicon (table {@code safety_term}). */
@Repository
public class SafetyTerms {

    private final JdbcClient jdbc;

    public SafetyTerms(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<SafetyTerm> all() {
        return jdbc.sql("select id, term, kind, created_by, created_at from safety_term order by kind, term")
                .query((rs, n) -> new SafetyTerm(rs.getLong("id"), rs.getString("term"), rs.getString("kind"),
                        rs.getString("created_by"), instant(rs, "created_at")))
                .list();
    }

    /** The terms in the order they were added, as screening uses them (through {@link OwnerLists}). */
    public List<OwnerTerm> owners() {
        return jdbc.sql("select term, kind from safety_term order by id")
                .query((rs, n) -> new OwnerTerm(rs.getString("term"), rs.getString("kind")))
                .list();
    }

    public Optional<SafetyTerm> find(String term, String kind) {
        return all().stream().filter(t -> t.term().equals(term) && t.kind().equals(kind)).findFirst();
    }

    public SafetyTerm add(String term, String kind, String actor, Instant at) {
        jdbc.sql("insert into safety_term (term, kind, created_by, created_at) values (?, ?, ?, ?)")
                .param(term).param(kind).param(actor).param(odt(at)).update();
        return find(term, kind).orElseThrow();
    }

    public boolean delete(long id) {
        return jdbc.sql("delete from safety_term where id = ?").param(id).update() > 0;
    }

    public record SafetyTerm(long id, String term, String kind, String createdBy, Instant createdAt) {
    }
}
