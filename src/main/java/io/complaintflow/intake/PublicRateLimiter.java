package io.complaintflow.intake;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Fixed-window limits per client address for the no-login pages: filing complaints, looking up a case (against
 * guessing case numbers and phones) and answering surveys. In memory on each node: a cluster of n nodes behind a
 * load balancer allows up to n times the limit, which is enough to stop a script. Real (wall-clock) time, not the
 * engine clock.
 */
@Component
public class PublicRateLimiter {

    public enum Bucket { FILE, LOOKUP, SURVEY }

    private final Map<Bucket, Integer> limits;
    private final Map<Bucket, Duration> windows;
    private final Map<String, Window> counters = new ConcurrentHashMap<>();
    private final LongSupplier nanos;

    @Autowired
    public PublicRateLimiter(PublicPageLimits settings) {
        this(Map.of(Bucket.FILE, settings.fileLimit(), Bucket.LOOKUP, settings.lookupLimit(),
                        Bucket.SURVEY, settings.lookupLimit()),
                Map.of(Bucket.FILE, settings.fileWindow(), Bucket.LOOKUP, settings.lookupWindow(),
                        Bucket.SURVEY, settings.lookupWindow()),
                System::nanoTime);
    }

    PublicRateLimiter(Map<Bucket, Integer> limits, Map<Bucket, Duration> windows, LongSupplier nanos) {
        this.limits = limits;
        this.windows = windows;
        this.nanos = nanos;
    }

    /** Counts one request; throws {@link RateLimitedException} when the address used up its window. */
    public void check(Bucket bucket, String address) {
        long now = nanos.getAsLong();
        long window = windows.get(bucket).toNanos();
        if (counters.size() > 100_000) {
            counters.values().removeIf(w -> now - w.start > window);
        }
        Window w = counters.compute(bucket + "|" + address, (key, old) ->
                old == null || now - old.start >= window ? new Window(now, 1) : new Window(old.start, old.count + 1));
        if (w.count > limits.get(bucket)) {
            long retryAfter = Math.max(1, (w.start + window - now) / 1_000_000_000L);
            throw new RateLimitedException(retryAfter);
        }
    }

    private record Window(long start, int count) {
    }

    /** Too many requests from one address; {@code retryAfterSeconds} until its window ends. */
    public static class RateLimitedException extends RuntimeException {
        private final long retryAfterSeconds;

        RateLimitedException(long retryAfterSeconds) {
            super("rate limited");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
