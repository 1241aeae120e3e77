package io.complaintflow.assist;

import static io.complaintflow.complaint.Timestamps.odt;

import io.complaintflow.complaint.PersonalRecords;
import java.util.function.UnaryOperator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each complaint's suggestion and, once the complaint center has reviewed it, what the center chose. */
@Repository
public class SuggestionOutcomes implements PersonalRecords {

    private final JdbcClient jdbc;

    public SuggestionOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String caseNumber, Suggestion s, SensitiveWords.Detection detection, Instant at) {
        String words = String.join("、", detection.words());
        String evidence = detection.safety().summary();
        jdbc.sql("""
                        insert into suggestion_outcome (case_number, source, model_version, suggested_category,
                            category_confidence, suggested_department, department_confidence, suggested_grade,
                            grade_confidence, low_confidence, sensitive_topic, sensitive_words, safety_evidence,
                            suggested_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .param(caseNumber).param(s.source()).param(s.modelVersion())
                .param(s.category().value()).param(BigDecimal.valueOf(s.category().confidence()))
                .param(s.department().value()).param(BigDecimal.valueOf(s.department().confidence()))
                .param(s.grade().value()).param(BigDecimal.valueOf(s.grade().confidence()))
                .param(s.lowConfidence()).param(detection.topic())
                .param(words.length() > 500 ? words.substring(0, 500) : words)
                .param(evidence.isEmpty() ? null : evidence.length() > 1000 ? evidence.substring(0, 1000) : evidence)
                .param(odt(at))
                .update();
    }

    public Optional<Recorded> find(String caseNumber) {
        return jdbc.sql("select * from suggestion_outcome where case_number = ?").param(caseNumber)
                .query((rs, n) -> new Recorded(
                        new Suggestion(new Guess(rs.getString("suggested_category"), rs.getDouble("category_confidence")),
                                new Guess(rs.getString("suggested_department"), rs.getDouble("department_confidence")),
                                new Guess(rs.getString("suggested_grade"), rs.getDouble("grade_confidence")),
                                rs.getString("source"), rs.getLong("model_version"), rs.getBoolean("low_confidence")),
                        new SensitiveWords.Detection(rs.getString("sensitive_topic"),
                                rs.getString("sensitive_words") == null || rs.getString("sensitive_words").isEmpty()
                                        ? java.util.List.of()
                                        : java.util.List.of(rs.getString("sensitive_words").split("、"))),
                        rs.getString("chosen_category"),
                        rs.getString("safety_evidence") == null ? "" : rs.getString("safety_evidence")))
                .optional();
    }

    /** The first review counts; a later re-routing of the same case does not overwrite it. */
    public void choose(String caseNumber, String category, String department, String grade, String actor, Instant at) {
        jdbc.sql("""
                        update suggestion_outcome set chosen_category = ?, chosen_department = ?, chosen_grade = ?,
                            chosen_by = ?, chosen_at = ?
                         where case_number = ? and chosen_at is null""")
                .param(category).param(department).param(grade).param(actor).param(odt(at)).param(caseNumber)
                .update();
    }

    public Acceptance acceptance(Instant from, Instant to) {
        return jdbc.sql("""
                        select count(*) as decided,
                               sum(case when suggested_category = chosen_category then 1 else 0 end) as category,
                               sum(case when suggested_department = chosen_department then 1 else 0 end) as department,
                               sum(case when suggested_grade = chosen_grade then 1 else 0 end) as grade,
                               sum(case when suggested_category = chosen_category
                                         and suggested_department = chosen_department
                                         and suggested_grade = chosen_grade then 1 else 0 end) as all_three,
                               sum(case when low_confidence then 0 else 1 end) as confident,
                               sum(case when not low_confidence and suggested_category = chosen_category
                                        then 1 else 0 end) as confident_category
                          from suggestion_outcome
                         where chosen_at >= ? and chosen_at < ?""")
                .param(odt(from)).param(odt(to))
                .query((rs, n) -> {
                    long decided = rs.getLong("decided");
                    long confident = rs.getLong("confident");
                    return new Acceptance(from, to, decided, rate(rs.getLong("category"), decided),
                            rate(rs.getLong("department"), decided), rate(rs.getLong("grade"), decided),
                            rate(rs.getLong("all_three"), decided), confident,
                            rate(rs.getLong("confident_category"), confident));
                })
                .single();
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }

    /** @param safetyEvidence the safety detector's summary at intake, empty when it found nothing */
    public record Recorded(Suggestion suggestion, SensitiveWords.Detection detection, String chosenCategory,
                           String safetyEvidence) {
    }

    /**
     * Shares of reviewed complaints whose suggestion the center kept (null when none was reviewed); the last
     * figure counts only suggestions that were not flagged as low confidence.
     */
    public record Acceptance(Instant from, Instant to, long reviewed, Double categoryAccepted,
                             Double departmentAccepted, Double gradeAccepted, Double allAccepted,
                             long confidentReviewed, Double confidentCategoryAccepted) {
    }

    /** Erasure: the sensitive words and safety evidence found in the complaint's text, scrubbed. */
    @Override
    public void anonymise(String caseNumber, UnaryOperator<String> scrub) {
        jdbc.sql("select sensitive_words, safety_evidence from suggestion_outcome where case_number = ?")
                .param(caseNumber).query((rs, n) -> jdbc.sql("update suggestion_outcome set sensitive_words = ?,"
                                + " safety_evidence = ? where case_number = ?")
                        .params(scrub.apply(rs.getString("sensitive_words")),
                                scrub.apply(rs.getString("safety_evidence")), caseNumber).update()).list();
    }
}
