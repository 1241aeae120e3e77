package io.complaintflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.complaint.Customer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.complaintflow.testdb.TestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deadline rows through their one writer, on the schema Flyway builds: a slice (in-memory database, the
 * repositories and the Java migration that names the tables, no engine). What the per-transaction memory
 * ({@link DeadlineReads}) may and may not answer. On the run's database: in-memory H2, or a fresh PostgreSQL database on
 * the PostgreSQL run (the writes hand back their rows with H2's {@code FINAL TABLE} and PostgreSQL's {@code RETURNING}).
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({DeadlineRepository.class, ComplaintRepository.class, DeadlineTablesMigration.class})
class DeadlineRepositorySliceTest {

    private static final Instant START = Instant.parse("2026-12-03T02:15:30.123Z");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.fresh("deadlineslice").springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired DeadlineRepository deadlines;
    @Autowired ComplaintRepository complaints;
    @Autowired JdbcClient jdbc;
    @Autowired javax.sql.DataSource dataSource;
    @Autowired PlatformTransactionManager transactions;

    /** Each test rolls back, like the slice's own transaction. */
    @Test
    void withinATransactionTheCasesDeadlinesAreReadOnceAndEveryWriteOfTheRepositoryIsSeen() {
        String cn = filed("CMP-20261203-000201");
        Deadline response = start(cn, "FIRST_RESPONSE", 8);
        start(cn, "RESOLUTION", 40);

        List<Deadline> first = deadlines.all(cn);
        assertThat(first).extracting(Deadline::name).containsExactly("FIRST_RESPONSE", "RESOLUTION");
        // a write that bypasses the repository (no other package writes these rows; TableWritersTest) is not seen:
        // proof that the next reads, find included, came from memory
        bypass(cn, "RESOLUTION", START.plus(99, ChronoUnit.HOURS));
        assertThat(deadlines.all(cn)).isSameAs(first);
        assertThat(deadlines.find(cn, "FIRST_RESPONSE").orElseThrow()).isSameAs(first.get(0));
        assertThat(deadlines.find(cn, "RESOLUTION").orElseThrow()).isSameAs(first.get(1));

        // the repository's own writes hand back their row and put it into memory (write-through): seen without a read
        Instant paused = START.plus(1, ChronoUnit.HOURS);
        Deadline updated = deadlines.update(response, DeadlineState.PAUSED, response.warningAt(), response.targetAt(),
                response.level2At(), paused, null, paused, "PAUSED", null);
        assertThat(updated.state()).isEqualTo(DeadlineState.PAUSED);
        assertThat(updated.pausedAt()).isEqualTo(paused);
        assertThat(updated.startedAt()).as("the row as the database holds it").isEqualTo(response.startedAt());
        assertThat(deadlines.find(cn, "FIRST_RESPONSE").orElseThrow()).isSameAs(updated);
        assertThat(deadlines.all(cn)).containsExactly(updated, first.get(1));
        assertThat(deadlines.all(cn).get(1).targetAt()).as("the bypassing write, still not read again")
                .isEqualTo(first.get(1).targetAt());

        assertThat(deadlines.ladderStep(first.get(1), 0, 2)).isTrue();
        Deadline stepped = deadlines.find(cn, "RESOLUTION").orElseThrow();
        assertThat(stepped.ladderStep()).isEqualTo(2);
        assertThat(stepped.targetAt()).as("the row the update handed back, the bypassing write in it")
                .isEqualTo(START.plus(99, ChronoUnit.HOURS));
        assertThat(deadlines.ladderStep(first.get(1), 0, 3)).as("moved meanwhile").isFalse();
        assertThat(deadlines.find(cn, "RESOLUTION").orElseThrow()).isEqualTo(stepped);
        // moved by another transaction (a second node, a retry): the next read takes the row as it was left
        jdbc.sql("update complaint_deadline set ladder_step = 4 where id = ?").param(stepped.id()).update();
        assertThat(deadlines.find(cn, "RESOLUTION").orElseThrow().ladderStep()).as("from memory").isEqualTo(2);
        assertThat(deadlines.ladderStep(stepped, 2, 3)).isFalse();
        assertThat(deadlines.find(cn, "RESOLUTION").orElseThrow().ladderStep()).isEqualTo(4);
        assertThat(deadlines.breach(stepped, paused)).isTrue();
        assertThat(deadlines.find(cn, "RESOLUTION").orElseThrow().state()).isEqualTo(DeadlineState.BREACHED);
        assertThat(deadlines.breach(stepped, paused)).as("breached once").isFalse();
        assertThat(deadlines.all(cn)).extracting(Deadline::state)
                .containsExactly(DeadlineState.PAUSED, DeadlineState.BREACHED);
    }

    @Test
    void startInsertsANewDeadlineAndStartsAnExistingOneAfreshInOneStatementKeepingItsRow() {
        String cn = filed("CMP-20261203-000204");
        Deadline started = start(cn, "RESOLUTION", 40);
        assertThat(started.state()).isEqualTo(DeadlineState.RUNNING);
        assertThat(started.targetAt()).isEqualTo(START.plus(40, ChronoUnit.HOURS));
        assertThat(deadlines.find(cn, "RESOLUTION").orElseThrow()).as("kept from the write").isSameAs(started);

        Instant later = START.plus(2, ChronoUnit.HOURS);
        deadlines.ladderStep(started, 0, 2);
        Deadline breached = deadlines.find(cn, "RESOLUTION").orElseThrow();
        deadlines.breach(breached, later);
        deadlines.update(deadlines.find(cn, "RESOLUTION").orElseThrow(), DeadlineState.BREACHED, breached.warningAt(),
                breached.targetAt(), breached.level2At(), later, later, later, "STOPPED", null);

        Deadline again = deadlines.start(cn, "RESOLUTION", "PT8H", later, later.plus(384, ChronoUnit.MINUTES),
                later.plus(8, ChronoUnit.HOURS), later.plus(16, ChronoUnit.HOURS));
        assertThat(again.id()).as("the same row").isEqualTo(started.id());
        assertThat(again).isEqualTo(new Deadline(started.id(), cn, "RESOLUTION", "PT8H", later,
                later.plus(384, ChronoUnit.MINUTES), later.plus(8, ChronoUnit.HOURS), later.plus(16, ChronoUnit.HOURS),
                DeadlineState.RUNNING, null, null, 0));
        assertThat(deadlines.all(cn)).containsExactly(again);
        assertThat(jdbc.sql("select count(*) from complaint_deadline where case_number = ?").param(cn)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(deadlines.history(again.id())).extracting(DeadlineRepository.DeadlineEvent::event)
                .containsExactly("STARTED", "BREACHED", "STOPPED", "STARTED");
    }

    /** A ladder step past the target takes the step and breaches a running deadline in one update. */
    @Test
    void aStepPastTheTargetIsTakenAndBreachesInOneUpdateOnlyFromTheStepReadAndARunningDeadline() {
        String cn = filed("CMP-20261203-000205");
        Deadline running = start(cn, "FIRST_RESPONSE", 8);
        deadlines.ladderStep(running, 0, 1);
        Deadline atOne = deadlines.find(cn, "FIRST_RESPONSE").orElseThrow();
        Instant at = START.plus(9, ChronoUnit.HOURS);

        assertThat(deadlines.ladderStepBreaching(atOne, 1, 2, at)).isTrue();
        Deadline after = deadlines.find(cn, "FIRST_RESPONSE").orElseThrow();
        assertThat(after.ladderStep()).isEqualTo(2);
        assertThat(after.state()).isEqualTo(DeadlineState.BREACHED);
        assertThat(deadlines.history(after.id())).extracting(DeadlineRepository.DeadlineEvent::event)
                .containsExactly("STARTED", "BREACHED");
        assertThat(deadlines.ladderStepBreaching(atOne, 1, 2, at)).as("the step taken already").isFalse();

        // the step as read, but no longer running: nothing changes (the caller takes the step on its own)
        jdbc.sql("update complaint_deadline set ladder_step = 1 where id = ?").param(after.id()).update();
        assertThat(deadlines.ladderStepBreaching(atOne, 1, 2, at)).as("breached already").isFalse();
        assertThat(jdbc.sql("select ladder_step from complaint_deadline where id = ?").param(after.id())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(deadlines.history(after.id())).hasSize(2);
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void deadlinesStartedTogetherAreWrittenWithTheirEventsAndTheCasesOtherDeadlinesAreKnownWithThem() throws Exception {
        String cn = "CMP-20261203-000205";
        TransactionTemplate tx = new TransactionTemplate(transactions);
        boolean postgres;
        try (var connection = dataSource.getConnection()) {
            postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
        try {
            Deadline department = tx.execute(s -> {
                filed(cn);
                return start(cn, "DEPARTMENT:logistics", 24);
            });
            tx.executeWithoutResult(s -> {
                Instant later = START.plus(1, ChronoUnit.HOURS);
                List<Deadline> started = deadlines.start(cn, List.of(
                        new DeadlineRepository.Start("RESOLUTION", "PT40H", later, later.plus(32, ChronoUnit.HOURS),
                                later.plus(40, ChronoUnit.HOURS), later.plus(60, ChronoUnit.HOURS)),
                        new DeadlineRepository.Start("FIRST_RESPONSE", "PT8H", later, later.plus(384, ChronoUnit.MINUTES),
                                later.plus(8, ChronoUnit.HOURS), later.plus(12, ChronoUnit.HOURS))));
                assertThat(started).extracting(Deadline::name).as("in the order asked")
                        .containsExactly("RESOLUTION", "FIRST_RESPONSE");
                assertThat(started.get(0).targetAt()).isEqualTo(later.plus(40, ChronoUnit.HOURS));
                assertThat(started.get(1).level2At()).isEqualTo(later.plus(12, ChronoUnit.HOURS));
                for (Deadline d : started) {
                    assertThat(deadlines.history(d.id())).containsExactly(
                            new DeadlineRepository.DeadlineEvent(later, "STARTED", d.targetAt(), null));
                }
                bypass(cn, "DEPARTMENT:logistics", START.plus(99, ChronoUnit.HOURS));
                List<Deadline> all = deadlines.all(cn);
                assertThat(all).extracting(Deadline::name)
                        .containsExactly("DEPARTMENT:logistics", "RESOLUTION", "FIRST_RESPONSE");
                assertThat(all.get(0).targetAt()).as(postgres
                                ? "read with the start, in the same statement: the bypassing write is not read"
                                : "H2 reads the case after its upserts")
                        .isEqualTo(postgres ? department.targetAt() : START.plus(99, ChronoUnit.HOURS));
            });
        } finally {
            removeCase(cn);
        }
    }

    @Test
    void aDeadlineMissingFromMemoryIsReadAgainNotTrustedAsMissing() {
        String cn = filed("CMP-20261203-000202");
        start(cn, "FIRST_RESPONSE", 8);
        assertThat(deadlines.all(cn)).hasSize(1);
        // as if another transaction had started the department's deadline since this one read the case
        jdbc.sql("insert into complaint_deadline (case_number, deadline, duration_spec, started_at, warning_at,"
                        + " target_at, level2_at, state, updated_at) select case_number, 'department', duration_spec,"
                        + " started_at, warning_at, target_at, level2_at, state, updated_at from complaint_deadline"
                        + " where case_number = ?")
                .param(cn).update();
        assertThat(deadlines.find(cn, "department")).isPresent();
        assertThat(deadlines.find(cn, "none")).isEmpty();
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aNewTransactionReadsAgain() {
        String cn = "CMP-20261203-000203";
        TransactionTemplate tx = new TransactionTemplate(transactions);
        try {
            tx.executeWithoutResult(s -> {
                filed(cn);
                start(cn, "FIRST_RESPONSE", 8);
            });
            Deadline inFirst = tx.execute(s -> {
                Deadline read = deadlines.find(cn, "FIRST_RESPONSE").orElseThrow();
                assertThat(deadlines.find(cn, "FIRST_RESPONSE").orElseThrow()).isSameAs(read);
                return read;
            });
            tx.executeWithoutResult(s -> bypass(cn, "FIRST_RESPONSE", START.plus(77, ChronoUnit.HOURS)));
            Deadline inSecond = tx.execute(s -> deadlines.find(cn, "FIRST_RESPONSE").orElseThrow());
            assertThat(inSecond).isNotSameAs(inFirst);
            assertThat(inSecond.targetAt()).isEqualTo(START.plus(77, ChronoUnit.HOURS));

            // a nested transaction starts with nothing remembered, and the outer one keeps what it read
            tx.executeWithoutResult(s -> {
                Deadline outer = deadlines.find(cn, "FIRST_RESPONSE").orElseThrow();
                Deadline nested = new TransactionTemplate(transactions, new DefaultTransactionDefinition(
                        TransactionDefinition.PROPAGATION_REQUIRES_NEW)).execute(n -> {
                            bypass(cn, "FIRST_RESPONSE", START.plus(55, ChronoUnit.HOURS));
                            return deadlines.find(cn, "FIRST_RESPONSE").orElseThrow();
                        });
                assertThat(nested.targetAt()).isEqualTo(START.plus(55, ChronoUnit.HOURS));
                assertThat(deadlines.find(cn, "FIRST_RESPONSE").orElseThrow()).isSameAs(outer);
            });
            // outside a transaction nothing is remembered
            assertThat(deadlines.find(cn, "FIRST_RESPONSE").orElseThrow())
                    .isNotSameAs(deadlines.find(cn, "FIRST_RESPONSE").orElseThrow());
        } finally {
            removeCase(cn);
        }
    }

    private void removeCase(String cn) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            jdbc.sql("delete from deadline_event where deadline_id in"
                    + " (select id from complaint_deadline where case_number = ?)").param(cn).update();
            jdbc.sql("delete from complaint_deadline where case_number = ?").param(cn).update();
            jdbc.sql("delete from complaint where case_number = ?").param(cn).update();
        });
    }

    private Deadline start(String cn, String name, int hours) {
        return deadlines.start(cn, name, "PT" + hours + "H", START, START.plus(hours * 48L, ChronoUnit.MINUTES),
                START.plus(hours, ChronoUnit.HOURS), START.plus(hours * 2L, ChronoUnit.HOURS));
    }

    private void bypass(String cn, String name, Instant targetAt) {
        jdbc.sql("update complaint_deadline set target_at = ? where case_number = ? and deadline = ?")
                .param(java.time.OffsetDateTime.ofInstant(targetAt, java.time.ZoneOffset.UTC)).param(cn).param(name)
                .update();
    }

    private String filed(String cn) {
        complaints.insert(new Complaint(cn, "hotline", null, null, null,
                new Customer("王五", "13700002222", "wang@example.com", null, false), Category.DELIVERY, "快递柜",
                "包裹丢失", "三天未收到包裹", new BigDecimal("199.90"), START.minus(1, ChronoUnit.DAYS), false,
                ComplaintStatus.ACCEPTED, null, 0, null,
                0, 0, 0, null, null, null, START, START, null));
        return cn;
    }
}
