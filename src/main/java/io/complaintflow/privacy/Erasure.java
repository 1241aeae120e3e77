package io.complaintflow.privacy;

import static io.complaintflow.complaint.Timestamps.instant;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.complaint.PersonalRecords;
import io.complaintflow.complaint.Regulator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Anonymises customers' personal data everywhere it lives (PIPL Art. 47) while each complaint's figures — category,
 * grade, channel, dates, departments, amounts, satisfaction score, outcome — stay for the reports: the complaint
 * record and its timeline, departments' texts, mails received and their attachments, bounced addresses, survey
 * reasons, assistance records, the engine's variables and history ({@link EngineScrubber}), and the text
 * assistant's model and similar-complaint index (retrained on this node at once, on the others within a minute:
 * {@link ErasureWatch}). The features' own tables are anonymised by their owners ({@link PersonalRecords}): this class
 * decides what to look for and when, and writes only its own ledger ({@code privacy_erasure}).
 */
@Service
public class Erasure {

    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);
    static final String ERASED_NAME = EngineScrubber.REPLACEMENT;
    static final String ERASED_DESCRIPTION = "（个人信息已删除）";

    public enum Reason { REQUEST, RETENTION }

    /** Why a request cannot be carried out now: each complaint that stands in the way and why. */
    public static class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    public record Result(List<String> erased, List<String> alreadyErased) {
    }

    private final SubjectRecords records;
    private final EngineScrubber engine;
    private final JdbcClient jdbc;
    private final ComplaintRepository complaints;
    private final TransactionTemplate transactions;
    private final PrivacySettings settings;
    private final BusinessClock clock;
    private final ErasureWatch assistant;
    private final List<PersonalRecords> owners;

    public Erasure(SubjectRecords records, EngineScrubber engine, JdbcClient jdbc, ComplaintRepository complaints,
                   TransactionTemplate transactions, PrivacySettings settings, BusinessClock clock,
                   ErasureWatch assistant, List<PersonalRecords> owners) {
        this.records = records;
        this.engine = engine;
        this.jdbc = jdbc;
        this.complaints = complaints;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.assistant = assistant;
        this.owners = List.copyOf(owners);
    }

    /** A customer's deletion request: all their complaints, or none (409) while one is open or on legal hold. */
    public Result erase(Subject subject, String officer) {
        Result result = transactions.execute(tx -> {
            List<String> cases = records.caseNumbers(subject);
            List<String> done = erased(cases);
            List<String> todo = cases.stream().filter(c -> !done.contains(c)).toList();
            List<String> reasons = new ArrayList<>();
            for (String caseNumber : todo) {
                obstacle(caseNumber).ifPresent(reasons::add);
            }
            if (!reasons.isEmpty()) {
                throw new Refused(String.join("；", reasons));
            }
            anonymise(todo, Reason.REQUEST, officer);
            return new Result(todo, done);
        });
        if (!result.erased().isEmpty()) {
            assistant.retrainNow();
            LOG.info("Erased the personal data of {} complaints on request ({}): {}", result.erased().size(), officer,
                    result.erased());
        }
        return result;
    }

    /** Why this complaint's data may not go now: still open, or a record-keeping duty not yet over. */
    java.util.Optional<String> obstacle(String caseNumber) {
        return jdbc.sql("select status, regulator, closed_at from complaint where case_number = ?").param(caseNumber)
                .query(rs -> {
                    rs.next();
                    String status = rs.getString("status");
                    if (!ComplaintStatus.CLOSED.code().equals(status)) {
                        return java.util.Optional.of("工单 " + caseNumber + " 尚未结案（"
                                + Coded.labelOf(ComplaintStatus.class, status) + "）");
                    }
                    String regulator = rs.getString("regulator");
                    Period hold = regulator == null ? null : settings.legalHold().get(regulator);
                    Instant closed = instant(rs, "closed_at");
                    if (hold != null && closed != null) {
                        LocalDate until = closed.atZone(clock.zone()).toLocalDate().plus(hold);
                        if (clock.now().atZone(clock.zone()).toLocalDate().isBefore(until)) {
                            return java.util.Optional.of("工单 " + caseNumber + " 经"
                                    + Coded.labelOf(Regulator.class, regulator) + "转办，依法须保存至 " + until);
                        }
                    }
                    return java.util.Optional.<String>empty();
                });
    }

    List<String> erased(Collection<String> cases) {
        List<String> erased = new ArrayList<>();
        for (List<String> chunk : EngineScrubber.chunks(List.copyOf(cases))) {
            erased.addAll(jdbc.sql("select case_number from privacy_erasure where case_number in ("
                    + EngineScrubber.marks(chunk.size()) + ")").params(chunk).query(String.class).list());
        }
        return erased;
    }

    /** Anonymises these complaints in the caller's transaction; the first row written claims them. */
    void anonymise(List<String> cases, Reason reason, String actor) {
        if (cases.isEmpty()) {
            return;
        }
        var now = clock.now().atOffset(ZoneOffset.UTC);
        for (String caseNumber : cases) {
            jdbc.sql("insert into privacy_erasure (case_number, erased_at, reason, erased_by) values (?, ?, ?, ?)")
                    .params(caseNumber, now, reason.name(), actor).update();
        }
        Set<String> values = personalValues(cases);
        List<String> needles = new ArrayList<>(values);
        for (String caseNumber : cases) {
            anonymiseRecords(caseNumber, needles);
        }
        engine.scrub(engine.roots(cases), values);
    }

    /** What to look for: the customers' names, phones in the forms they are written, addresses, ids, and whatever
     * personal pattern their texts hold — and the descriptions themselves, which the engine's case file repeats. */
    private Set<String> personalValues(List<String> cases) {
        Set<String> values = new LinkedHashSet<>();
        for (String caseNumber : cases) {
            jdbc.sql("select customer_name, customer_phone, customer_email, customer_id, subject, description,"
                            + " resolution from complaint where case_number = ?")
                    .param(caseNumber)
                    .query(rs -> {
                        values.add(rs.getString("customer_name"));
                        String phone = rs.getString("customer_phone");
                        if (phone != null) {
                            values.addAll(phoneForms(phone));
                        }
                        values.add(rs.getString("customer_email"));
                        values.add(rs.getString("customer_id"));
                        String description = rs.getString("description");
                        if (description != null && description.length() >= 8) {
                            values.add(description);
                        }
                        for (String column : List.of("subject", "description", "resolution")) {
                            PersonalText.find(rs.getString(column)).forEach(f -> values.add(f.text()));
                        }
                    });
            for (PersonalRecords owner : owners) {
                owner.texts(caseNumber).forEach(t -> PersonalText.find(t).forEach(f -> values.add(f.text())));
            }
        }
        values.remove(null);
        values.remove(ERASED_NAME);
        values.removeIf(v -> v.strip().length() < 2);
        return values;
    }

    static List<String> phoneForms(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        List<String> forms = new ArrayList<>(List.of(phone.strip(), digits));
        String national = digits.startsWith("86") && digits.length() == 13 ? digits.substring(2)
                : digits.startsWith("0086") ? digits.substring(4) : digits;
        forms.add(national);
        if (national.length() == 11) {
            forms.add(national.substring(0, 3) + "-" + national.substring(3, 7) + "-" + national.substring(7));
            forms.add(national.substring(0, 3) + " " + national.substring(3, 7) + " " + national.substring(7));
        }
        return forms;
    }

    private void anonymiseRecords(String caseNumber, List<String> needles) {
        Scrub s = new Scrub(needles);
        jdbc.sql("select subject, resolution from complaint where case_number = ?").param(caseNumber).query(rs -> {
            rs.next();
            complaints.anonymise(caseNumber, ERASED_NAME, cut(s.text(rs.getString("subject")), 200),
                    ERASED_DESCRIPTION, cut(s.text(rs.getString("resolution")), 5000));
            return Boolean.TRUE;
        });
        for (PersonalRecords owner : owners) {
            owner.anonymise(caseNumber, s::text);
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** Free text with the customers' values and every personal pattern replaced. */
    private record Scrub(List<String> needles) {
        String text(String text) {
            if (text == null) {
                return null;
            }
            String out = text;
            for (String needle : needles.stream().sorted((a, b) -> b.length() - a.length()).toList()) {
                out = out.replace(needle, EngineScrubber.REPLACEMENT);
            }
            for (PersonalText.Found f : PersonalText.find(out)) {
                out = out.replace(f.text(), EngineScrubber.REPLACEMENT);
            }
            return out;
        }
    }
}
