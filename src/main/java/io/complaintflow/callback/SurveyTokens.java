package io.complaintflow.callback;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import io.complaintflow.complaint.PersonalRecords;
import java.util.function.UnaryOperator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Single-use satisfaction links: 256 random bits each, stored with their case and expiry. */
@Repository
public class SurveyTokens implements PersonalRecords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    public SurveyTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Token(String token, String caseNumber, Instant createdAt, Instant expiresAt, Instant usedAt) {
    }

    public String issue(String caseNumber, Instant now, Instant expiresAt) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("insert into survey_token (token, case_number, created_at, expires_at) values (?, ?, ?, ?)")
                .param(token).param(caseNumber).param(odt(now)).param(odt(expiresAt)).update();
        return token;
    }

    public Optional<Token> find(String token) {
        if (token == null || token.length() > 64 || !token.matches("[A-Za-z0-9_-]+")) { // never a NUL to the database
            return Optional.empty();
        }
        return jdbc.sql("select * from survey_token where token = ?").param(token)
                .query((rs, i) -> new Token(rs.getString("token"), rs.getString("case_number"),
                        instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "used_at")))
                .optional();
    }

    /** A newer closure's link replaces older ones that were never used. */
    public void expireOpen(String caseNumber, Instant now) {
        jdbc.sql("update survey_token set expires_at = ? where case_number = ? and used_at is null and expires_at > ?")
                .param(odt(now)).param(caseNumber).param(odt(now)).update();
    }

    /** Marks the token used; false when another request used it first. */
    public boolean use(String token, int score, String reasons, Instant at) {
        return jdbc.sql("update survey_token set used_at = ?, score = ?, reasons = ? where token = ? and used_at is null")
                .param(odt(at)).param(score).param(reasons).param(token).update() == 1;
    }

    /** Erasure: the reasons the customer gave in the survey go (the score stays for the reports). */
    @Override
    public void anonymise(String caseNumber, UnaryOperator<String> scrub) {
        jdbc.sql("update survey_token set reasons = null where case_number = ?").param(caseNumber).update();
    }
}
