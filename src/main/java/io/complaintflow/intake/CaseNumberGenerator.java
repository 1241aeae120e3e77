package io.complaintflow.intake;

import io.complaintflow.complaint.BusinessClock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues {@code CMP-yyyyMMdd-NNNNNN}: a per-day counter row in the shared database, so numbers stay unique
 * across nodes. The counter moves in its own short transaction so intake requests do not queue behind each
 * other's row lock; a rolled-back intake leaves a gap, never a duplicate.
 */
@Component
public class CaseNumberGenerator {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final BusinessClock clock;

    public CaseNumberGenerator(JdbcClient jdbc, PlatformTransactionManager transactions, BusinessClock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
                return ownTransaction.execute(status -> incrementOrCreate(day));
            } catch (DuplicateKeyException raced) {
                lastRace = raced; // another node created today's row first; the next attempt updates it
            }
        }
        throw lastRace;
    }

    private long incrementOrCreate(LocalDate day) {
        int updated = jdbc.sql("update case_number_counter set last_value = last_value + 1 where business_day = ?")
                .param(day).update();
        if (updated == 0) {
            jdbc.sql("insert into case_number_counter (business_day, last_value) values (?, 1)").param(day).update();
            return 1;
        }
        return jdbc.sql("select last_value from case_number_counter where business_day = ?")
                .param(day).query(Long.class).single();
    }
}
