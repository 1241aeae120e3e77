package io.complaintflow.privacy;

import static io.complaintflow.complaint.Timestamps.instant;

import io.complaintflow.assist.AssistService;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Makes every node forget an erased text within {@code complaintflow.privacy.erasure-watch-interval} (default one
 * minute): the text assistant's model and similar-complaint index live in each node's memory, trained from the closed
 * complaints. The node that erases retrains at once ({@link #retrainNow}); every other node notices the new rows of
 * {@code privacy_erasure} — one indexed {@code count(*), max(erased_at)} per interval — and retrains then. Counting
 * (not only the latest time) catches a long retention run whose rows carry an earlier time than a request that
 * committed before it.
 */
@Component
@EnableScheduling
class ErasureWatch implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(ErasureWatch.class);

    record Seen(long count, Instant latest) {
    }

    private final JdbcClient jdbc;
    private final AssistService assist;
    private final AtomicReference<Seen> seen;
    private final Duration interval;

    ErasureWatch(JdbcClient jdbc, AssistService assist, PrivacySettings settings) {
        this.jdbc = jdbc;
        this.assist = assist;
        this.interval = settings.erasureWatchInterval();
        // before the start-up training: an erasure after this read is noticed by the first check
        this.seen = new AtomicReference<>(read());
    }

    /** This node has just erased (committed): retrain now; what it has seen needs no second retraining. */
    synchronized void retrainNow() {
        Seen current = read();
        assist.retrain();
        seen.set(current);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::poll, interval, interval));
    }

    void poll() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("Could not check for erasures on other nodes; trying again at the next interval", e);
        }
    }

    /** Retrains when erasures were committed since the last look (on another node); whether it did. */
    synchronized boolean check() {
        Seen current = read();
        Seen before = seen.get();
        if (current.equals(before)) {
            return false;
        }
        LOG.info("Erasures elsewhere ({} → {} complaints): retraining the text assistant to forget them",
                before.count(), current.count());
        assist.retrain();
        seen.set(current);
        return true;
    }

    private Seen read() {
        return jdbc.sql("select count(*) as erased, max(erased_at) as latest from privacy_erasure")
                .query((rs, n) -> new Seen(rs.getLong("erased"), instant(rs, "latest"))).single();
    }
}
