package io.complaintflow.assist;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import io.complaintflow.safety.SafetySignal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sensitive-word list process owners keep (table {@code sensitive_word}). Intake reads it through
 * {@link OwnerLists}, which checks on every use that it has not changed on any node.
 */
@Repository
public class SensitiveWords {

    private final JdbcClient jdbc;

    public SensitiveWords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<SensitiveWord> all() {
        return jdbc.sql("select id, word, topic, created_by, created_at from sensitive_word order by topic, word")
                .query((rs, n) -> new SensitiveWord(rs.getLong("id"), rs.getString("word"), rs.getString("topic"),
                        rs.getString("created_by"), instant(rs, "created_at")))
                .list();
    }

    public Optional<SensitiveWord> find(String word) {
        return all().stream().filter(w -> w.word().equals(word)).findFirst();
    }

    public SensitiveWord add(String word, String topic, String actor, Instant at) {
        jdbc.sql("insert into sensitive_word (word, topic, created_by, created_at) values (?, ?, ?, ?)")
                .param(word).param(topic).param(actor).param(odt(at)).update();
        return find(word).orElseThrow();
    }

    public boolean delete(long id) {
        return jdbc.sql("delete from sensitive_word where id = ?").param(id).update() > 0;
    }

    /** The most serious topic whose {@code words} occur in {@code text}, and those words. */
    public static Detection detect(String text, List<SensitiveWord> words) {
        if (text == null || text.isBlank()) {
            return Detection.NONE;
        }
        String normalized = text.replace(" ", "");
        for (String topic : SensitiveTopic.BY_SEVERITY) {
            List<String> found = new ArrayList<>();
            for (SensitiveWord w : words) {
                if (w.topic().equals(topic) && normalized.contains(w.word())) {
                    found.add(w.word());
                }
            }
            if (!found.isEmpty()) {
                return new Detection(topic, found);
            }
        }
        return Detection.NONE;
    }

    public record SensitiveWord(long id, String word, String topic, String createdBy, Instant createdAt) {
    }

    /**
     * @param topic  the most serious topic found: of the owners' words, or {@code safety} for the safety detector's
     * @param words  the words behind the topic
     * @param safety what the safety detector found (flagged or not, whatever the topic)
     */
    public record Detection(String topic, List<String> words, SafetySignal safety) {
        public static final Detection NONE = new Detection(SensitiveTopic.NONE, List.of(), SafetySignal.NONE);

        public Detection(String topic, List<String> words) {
            this(topic, words, SafetySignal.NONE);
        }

        /** The safety detector's signal added: it raises a milder topic to {@code safety}. */
        public Detection with(SafetySignal signal) {
            if (!signal.flagged()) {
                return new Detection(topic, words, signal);
            }
            int mine = SensitiveTopic.BY_SEVERITY.indexOf(topic);
            int safety = SensitiveTopic.BY_SEVERITY.indexOf(SensitiveTopic.SAFETY);
            if (mine >= 0 && mine < safety) {
                return new Detection(topic, words, signal);
            }
            List<String> all = new java.util.ArrayList<>(mine == safety ? words : List.of());
            signal.words().stream().filter(w -> !all.contains(w)).forEach(all::add);
            return new Detection(SensitiveTopic.SAFETY, List.copyOf(all), signal);
        }
    }
}
