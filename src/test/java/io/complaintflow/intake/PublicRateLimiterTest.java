package io.complaintflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.intake.PublicRateLimiter.Bucket;
import io.complaintflow.intake.PublicRateLimiter.RateLimitedException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PublicRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final PublicRateLimiter limiter = new PublicRateLimiter(
            Map.of(Bucket.FILE, 2, Bucket.LOOKUP, 3, Bucket.SURVEY, 3),
            Map.of(Bucket.FILE, Duration.ofHours(1), Bucket.LOOKUP, Duration.ofMinutes(10),
                    Bucket.SURVEY, Duration.ofMinutes(10)),
            nanos::get);

    @Test
    void anAddressGetsItsLimitPerWindowPerBucketAndAFreshWindowAfterwards() {
        limiter.check(Bucket.FILE, "a");
        limiter.check(Bucket.FILE, "a");
        nanos.set(Duration.ofMinutes(45).toNanos());
        assertThatThrownBy(() -> limiter.check(Bucket.FILE, "a")).isInstanceOf(RateLimitedException.class)
                .satisfies(e -> assertThat(((RateLimitedException) e).retryAfterSeconds()).isEqualTo(15 * 60));
        limiter.check(Bucket.FILE, "b");
        limiter.check(Bucket.LOOKUP, "a");

        nanos.set(Duration.ofMinutes(61).toNanos());
        limiter.check(Bucket.FILE, "a");
    }
}
