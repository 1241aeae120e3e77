package io.complaintflow.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Runs {@link DatabaseWatch} every {@code complaintflow.database.watch-interval} (off in tests, which drive it). */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "complaintflow.database.watch", havingValue = "true", matchIfMissing = true)
class DatabaseWatchSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWatchSchedule.class);

    @Bean
    DatabaseWatch databaseWatch(DataSourceProperties dataSource, JobLocks locks, DatabaseFaultProperties settings) {
        return new DatabaseWatch(DatabaseWatch.jdbc(dataSource), locks, settings);
    }

    @Bean
    Ticker databaseWatchTicker(DatabaseWatch watch) {
        return new Ticker(watch);
    }

    static final class Ticker {

        private final DatabaseWatch watch;

        Ticker(DatabaseWatch watch) {
            this.watch = watch;
        }

        @Scheduled(initialDelayString = "PT10S", fixedDelayString = "${complaintflow.database.watch-interval:PT2S}")
        void check() {
            try {
                watch.check();
            } catch (RuntimeException e) {
                LOG.warn("Database watch: {}", e.getMessage());
            }
        }
    }
}
