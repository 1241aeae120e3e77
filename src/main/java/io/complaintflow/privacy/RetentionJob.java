package io.complaintflow.privacy;

import io.complaintflow.complaint.BusinessClock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly retention run (PIPL Art. 19): anonymises closed complaints whose retention — per regulator, per
 * channel, or the default; never shorter than a legal hold — has passed. Every node schedules it; the node that
 * claims the day's row in {@code privacy_retention_run} runs it, the others skip, and each complaint is claimed
 * once more by its {@code privacy_erasure} row. What it anonymised is in that row and in the log.
 */
@Service
public class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    public static final String ACTOR = "retention-job";

    public record Run(LocalDate day, String node, boolean ran, List<String> anonymised) {
    }

    private final Erasure erasure;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PrivacySettings settings;
    private final BusinessClock clock;
    private final ErasureWatch assistant;

    public RetentionJob(Erasure erasure, JdbcClient jdbc, TransactionTemplate transactions, PrivacySettings settings,
                        BusinessClock clock, ErasureWatch assistant) {
        this.erasure = erasure;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.assistant = assistant;
    }

    /** Runs the given day's retention unless another node (or an earlier call) already claimed it. */
    public Run run(LocalDate day, String node) {
        try {
            jdbc.sql("insert into privacy_retention_run (run_day, node, started_at) values (?, ?, ?)")
                    .params(day, node, clock.now().atOffset(ZoneOffset.UTC)).update();
        } catch (DataIntegrityViolationException claimedElsewhere) {
            return new Run(day, node, false, List.of());
        }
        List<String> due = due(settings.retentionJob().batch());
        List<String> done = new ArrayList<>();
        for (List<String> chunk : EngineScrubber.chunks(due)) {
            List<String> claimed = transactions.execute(tx -> {
                List<String> open = chunk.stream().filter(c -> erasure.erased(List.of(c)).isEmpty()).toList();
                erasure.anonymise(open, Erasure.Reason.RETENTION, ACTOR);
                return open;
            });
            done.addAll(claimed);
        }
        int expiredReads = purgeAccessLog();
        String report = (done.isEmpty() ? "nothing past its retention"
                : done.size() + " complaints anonymised: " + String.join(", ", done))
                + (expiredReads == 0 ? "" : "; " + expiredReads + " access-log rows older than "
                + AccessLogAppendOnly.KEPT_YEARS + " years removed");
        jdbc.sql("update privacy_retention_run set finished_at = ?, anonymised = ?, report = ? where run_day = ?")
                .params(clock.now().atOffset(ZoneOffset.UTC), done.size(),
                        report.length() > 4000 ? report.substring(0, 3990) + " …" : report, day).update();
        if (!done.isEmpty()) {
            assistant.retrainNow();
        }
        LOG.info("Retention run of {} on {}: {}", day, node, report);
        return new Run(day, node, true, done);
    }

    /**
     * The access log keeps every row {@link AccessLogAppendOnly#KEPT_YEARS} years (the database refuses to delete a
     * younger one); older rows go here, a day's margin past the database's own limit.
     */
    int purgeAccessLog() {
        return jdbc.sql("delete from privacy_access_log where read_at < ?")
                .param(java.time.OffsetDateTime.now(ZoneOffset.UTC).minusYears(AccessLogAppendOnly.KEPT_YEARS)
                        .minusDays(1)).update();
    }

    /** Closed, not yet anonymised complaints past their retention, oldest first. */
    List<String> due(int limit) {
        PrivacySettings.Retention r = settings.retention();
        LocalDate today = clock.now().atZone(clock.zone()).toLocalDate();
        Set<String> regulators = new LinkedHashSet<>(r.byRegulator().keySet());
        regulators.addAll(settings.legalHold().keySet());
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (String regulator : regulators) {
            conditions.add("(c.regulator = ? and c.closed_at < ?)");
            params.add(regulator);
            params.add(cutoff(today, longest(r.of(null, regulator), settings.legalHold().get(regulator))));
        }
        String otherRegulator = regulators.isEmpty() ? "" : " and (c.regulator is null or c.regulator not in ("
                + EngineScrubber.marks(regulators.size()) + "))";
        Map<String, Period> channels = new LinkedHashMap<>(r.byChannel());
        for (var channel : channels.entrySet()) {
            conditions.add("(c.channel = ?" + otherRegulator + " and c.closed_at < ?)");
            params.add(channel.getKey());
            params.addAll(regulators);
            params.add(cutoff(today, channel.getValue()));
        }
        String otherChannel = channels.isEmpty() ? "" : " and c.channel not in ("
                + EngineScrubber.marks(channels.size()) + ")";
        conditions.add("(c.closed_at < ?" + otherRegulator + otherChannel + ")");
        params.add(cutoff(today, r.standard()));
        params.addAll(regulators);
        params.addAll(channels.keySet());
        params.add(limit);
        return jdbc.sql("select c.case_number from complaint c where c.status = 'CLOSED' and c.closed_at is not null"
                        + " and not exists (select 1 from privacy_erasure e where e.case_number = c.case_number)"
                        + " and (" + String.join(" or ", conditions) + ") order by c.closed_at, c.case_number limit ?")
                .params(params).query(String.class).list();
    }

    private java.time.OffsetDateTime cutoff(LocalDate today, Period period) {
        return today.minus(period).atStartOfDay(clock.zone()).toOffsetDateTime();
    }

    private static Period longest(Period a, Period b) {
        if (b == null) {
            return a;
        }
        LocalDate ref = LocalDate.of(2000, 1, 1);
        return ref.plus(a).isAfter(ref.plus(b)) ? a : b;
    }
}
