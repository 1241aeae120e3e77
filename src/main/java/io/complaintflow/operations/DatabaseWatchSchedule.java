package io.complaintflow.operations;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

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
    Ticker databaseWatchTicker(DatabaseWatch watch, DatabaseFaultProperties settings) {
        return new Ticker(watch, settings.watchInterval());
    }

    static final class Ticker implements SchedulingConfigurer {

        private final DatabaseWatch watch;
        private final Duration interval;

        Ticker(DatabaseWatch watch, Duration interval) {
            this.watch = watch;
            this.interval = interval;
        }

        @Override
        public void configureTasks(ScheduledTaskRegistrar tasks) {
            tasks.addFixedDelayTask(new FixedDelayTask(this::check, interval, Duration.ofSeconds(10)));
        }

        void check() {
            try {
                watch.check();
            } catch (RuntimeException e) {
                LOG.warn("Database watch: {}", e.getMessage());
            }
        }
    }
}
