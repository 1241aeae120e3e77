package io.complaintflow.assist;

import io.complaintflow.safety.OwnerTerms;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The process owners' sensitive words and safety terms, kept on each node and checked against one stamp statement
 * per use, so an edit on any node counts at the next intake without reading the 50-odd rows on every request.
 * <p>
 * The stamp is each table's row count and the sum of its ids. Rows are only added and deleted (an edit is a delete
 * and an add; nothing updates a row), and the ids come from identity columns, never reused: an addition raises
 * the sum, a deletion lowers the count, and a deletion with an addition changes the sum (the new id is not the
 * deleted one). The stamp is read before the rows, so a change that lands in between is read again next time.
 */
@Component
public class OwnerLists implements OwnerTerms {

    private static final String STAMP = "select (select count(*) from sensitive_word) words,"
            + " (select coalesce(sum(id), 0) from sensitive_word) word_ids,"
            + " (select count(*) from safety_term) terms,"
            + " (select coalesce(sum(id), 0) from safety_term) term_ids";

    private final JdbcClient jdbc;
    private final SensitiveWords words;
    private final SafetyTerms terms;
    private final AtomicReference<Lists> cached = new AtomicReference<>();
    private final AtomicLong reads = new AtomicLong();

    public OwnerLists(JdbcClient jdbc, SensitiveWords words, SafetyTerms terms) {
        this.jdbc = jdbc;
        this.words = words;
        this.terms = terms;
    }

    /** Both lists as they are now: from memory when the stamp has not moved. */
    public Lists lists() {
        Stamp stamp = jdbc.sql(STAMP).query((rs, n) -> new Stamp(rs.getLong("words"), rs.getLong("word_ids"),
                rs.getLong("terms"), rs.getLong("term_ids"))).single();
        Lists known = cached.get();
        if (known != null && known.stamp().equals(stamp)) {
            return known;
        }
        reads.incrementAndGet();
        Lists fresh = new Lists(stamp, List.copyOf(words.all()), List.copyOf(terms.owners()));
        cached.set(fresh);
        return fresh;
    }

    @Override
    public List<OwnerTerm> current() {
        return lists().terms();
    }

    /** How often this node has read the lists' rows (tests count it). */
    long reads() {
        return reads.get();
    }

    public record Stamp(long words, long wordIds, long terms, long termIds) {
    }

    /** @param terms the safety terms in the order they were added */
    public record Lists(Stamp stamp, List<SensitiveWords.SensitiveWord> words, List<OwnerTerm> terms) {
    }
}
