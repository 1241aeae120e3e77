package io.complaintflow.surge;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Measures intake over the sliding window and its baseline, from the complaint table (index on created_at). */
@Component
public class IntakeVolume {

    private final JdbcClient jdbc;
    private final SurgeSettings settings;

    public IntakeVolume(JdbcClient jdbc, SurgeSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public Volume measure(Instant now) {
        Duration window = settings.window();
        long count = count(now.minus(window), now);
        return new Volume(now, count, baseline(now));
    }

    /** Same-hour: the mean of the same window 1..n weeks back, at least min-baseline. Fixed: the configured rate. */
    double baseline(Instant now) {
        if (SurgeSettings.FIXED.equals(settings.baseline())) {
            return settings.fixedRate();
        }
        long total = 0;
        for (int week = 1; week <= settings.weeks(); week++) {
            Instant end = now.minus(Duration.ofDays(7L * week));
            total += count(end.minus(settings.window()), end);
        }
        return Math.max((double) total / settings.weeks(), settings.minBaseline());
    }

    private long count(Instant from, Instant to) {
        return jdbc.sql("select count(*) from complaint where created_at >= ? and created_at < ?")
                .params(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)).query(Long.class).single();
    }
}
