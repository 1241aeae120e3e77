package io.complaintflow.intake;

import io.complaintflow.complaint.BusinessClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues {@code CMP-yyyyMMdd-NNNNNN}: a per-day counter row in the shared database, so numbers stay unique
 * across nodes. The counter moves outside the intake's transaction, one statement committing by itself, so intake
 * requests do not queue behind each other's row lock; a rolled-back intake leaves a gap, never a duplicate.
 */
@Component
public class CaseNumberGenerator {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcClient jdbc;
    private final TransactionTemplate outsideTransactions;
    private final BusinessClock clock;

    private final String incrementSql;
    private final boolean postgres;

    public CaseNumberGenerator(JdbcClient jdbc, PlatformTransactionManager transactions, BusinessClock clock,
                               DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = postgres(dataSource);
        // PostgreSQL: the row lock is otherwise held until the commit's WAL flush, and 16 concurrent intakes queued
        // 100-140 ms on it. Not waiting for the flush is safe here: the intake that uses the number commits after this
        // statement and its synchronous commit flushes the WAL up to its own record, so a stored complaint always has
        // its counter value on disk; a crash before that can reissue a number nothing was stored under. set_config(…,
        // true) holds for the statement's own (implicit) transaction, whose commit is the statement's end.
        this.incrementSql = postgres
                ? "update case_number_counter set last_value = last_value + 1"
                        + " from (select set_config('synchronous_commit', 'off', true)) no_flush_wait"
                        + " where business_day = ? returning last_value"
                : "select last_value from final table (update case_number_counter set last_value = last_value + 1"
                        + " where business_day = ?)";
        // outside any transaction of the caller's, each statement committing by itself: one statement per number,
        // not begin, set, update and commit, and the row's lock is released without a round trip for the commit
        this.outsideTransactions = new TransactionTemplate(transactions);
        this.outsideTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.clock = clock;
    }

    public String next() {
        LocalDate day = LocalDate.ofInstant(clock.now(), clock.zone());
        return "CMP-" + DAY.format(day) + "-" + String.format("%06d", increment(day));
    }

    private long increment(LocalDate day) {
        DuplicateKeyException lastRace = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return outsideTransactions.execute(status -> incrementOrCreate(day));
            } catch (DuplicateKeyException raced) {
                lastRace = raced; // another node created today's row first; the next attempt updates it
            }
        }
        throw lastRace;
    }

    private static boolean postgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database product", e);
        }
    }

    /**
     * Every intake of every node queues on today's row until the holder commits, so the lock is held for one
     * statement, which commits by itself: the update hands back the new value itself (PostgreSQL's {@code RETURNING},
     * H2's data-change delta table {@code FINAL TABLE}), instead of a second round trip to read it.
     */
    private long incrementOrCreate(LocalDate day) {
        Optional<Long> next = jdbc.sql(incrementSql).param(day).query(Long.class).optional();
        if (next.isPresent()) {
            return next.get();
        }
        jdbc.sql("insert into case_number_counter (business_day, last_value) values (?, 1)").param(day).update();
        return 1;
    }
}
