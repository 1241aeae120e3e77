package io.complaintflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The complaint table through its one writer, on the schema Flyway builds — a slice: an in-memory database and
 * the repository, no engine, no web layer, a few seconds. Each test rolls back.
 */
@JdbcTest
@Import(ComplaintRepository.class)
class ComplaintRepositorySliceTest {

    private static final Instant FILED = Instant.parse("2026-12-03T02:15:30.123Z");

    @Autowired ComplaintRepository complaints;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void aStoredComplaintReadsBackAsItWasFiled() {
        complaints.insert(complaint("CMP-20261203-000101", "wechat", "WX-778", new Customer("李四", "13800001111",
                "li@example.com", "C-9", true)));

        Complaint read = complaints.find("CMP-20261203-000101").orElseThrow();
        assertThat(read.channel()).isEqualTo("wechat");
        assertThat(read.customer()).isEqualTo(new Customer("李四", "13800001111", "li@example.com", "C-9", true));
        assertThat(read.amountClaimed()).isEqualByComparingTo("199.90");
        assertThat(read.createdAt()).isEqualTo(FILED.truncatedTo(ChronoUnit.MILLIS));
        assertThat(read.status()).isEqualTo(ComplaintStatus.ACCEPTED);
        assertThat(complaints.find("CMP-20261203-999999")).isEmpty();
    }

    @Test
    void aChannelsReferenceFindsItsComplaintOnlyInThatChannel() {
        complaints.insert(complaint("CMP-20261203-000102", "wechat", "REF-1", customer()));

        assertThat(complaints.findByExternalRef("wechat", "REF-1")).map(Complaint::caseNumber)
                .contains("CMP-20261203-000102");
        assertThat(complaints.findByExternalRef("email", "REF-1")).isEmpty();
    }

    @Test
    void closingRecordsItsCauseAndErasureLeavesARecordThatNamesNobody() {
        complaints.insert(complaint("CMP-20261203-000103", "hotline", null, customer()));
        Instant closed = FILED.plus(3, ChronoUnit.DAYS);

        complaints.recordClosureCause("CMP-20261203-000103", "process", "logistics", true);
        complaints.close("CMP-20261203-000103", closed);
        complaints.anonymise("CMP-20261203-000103", "（已删除）", "（已删除）", "（已删除）", null);

        Complaint read = complaints.find("CMP-20261203-000103").orElseThrow();
        assertThat(read.status()).isEqualTo(ComplaintStatus.CLOSED);
        assertThat(read.closedAt()).isEqualTo(closed.truncatedTo(ChronoUnit.MILLIS));
        assertThat(read.customer().phone()).isNull();
        assertThat(read.customer().email()).isNull();
        assertThat(read.customer().name()).isEqualTo("（已删除）");
        assertThat(jdbc.sql("select root_cause || '/' || responsible_department from complaint where case_number = ?")
                .param("CMP-20261203-000103").query(String.class).single()).isEqualTo("process/logistics");
    }

    @Test
    void withinATransactionTheRowIsReadOnceAndEveryWriteOfTheRepositoryIsSeen() {
        complaints.insert(complaint("CMP-20261203-000104", "hotline", null, customer()));
        Complaint first = complaints.find("CMP-20261203-000104").orElseThrow();
        // a write that bypasses the repository (no other package may write this table; TableWritersTest) is not
        // seen: proof that the second read came from memory
        jdbc.sql("update complaint set subject = 'bypassed' where case_number = ?").param("CMP-20261203-000104")
                .update();
        assertThat(complaints.find("CMP-20261203-000104").orElseThrow()).isSameAs(first);

        complaints.updateStatus("CMP-20261203-000104", ComplaintStatus.IN_PROGRESS, FILED.plusSeconds(60));
        Complaint after = complaints.find("CMP-20261203-000104").orElseThrow();
        assertThat(after.status()).as("the repository's own write is seen").isEqualTo(ComplaintStatus.IN_PROGRESS);
        assertThat(after.subject()).as("the row the update handed back, as the database holds it")
                .isEqualTo("bypassed");

        // a nested transaction starts with nothing remembered
        Complaint nested = new TransactionTemplate(transactions, new DefaultTransactionDefinition(
                TransactionDefinition.PROPAGATION_REQUIRES_NEW)).execute(status -> complaints
                .find("CMP-20261203-000104").orElse(null));
        assertThat(nested).as("the outer transaction's row is uncommitted: the nested one must not see it").isNull();
        assertThat(complaints.find("CMP-20261203-000104").orElseThrow()).isSameAs(after);
    }

    @Test
    void theInsertTheStatusAndTheTriageHandBackTheirRowWhichTheNextReadTakesFromMemory() {
        String cn = "CMP-20261203-000106";
        complaints.insert(complaint(cn, "hotline", null, customer()));
        bypass(cn, "bypassed after the insert");
        Complaint inserted = complaints.find(cn).orElseThrow();
        assertThat(inserted.subject()).as("the inserted row, not read again").isEqualTo("包裹丢失");
        assertThat(inserted.createdAt()).isEqualTo(FILED);

        complaints.updateTriage(cn, Category.PRODUCT_QUALITY, Grade.G3, FILED.plusSeconds(30));
        bypass(cn, "bypassed after the triage");
        Complaint triaged = complaints.find(cn).orElseThrow();
        assertThat(triaged.category()).isEqualTo(Category.PRODUCT_QUALITY);
        assertThat(triaged.grade()).isEqualTo(Grade.G3);
        assertThat(triaged.subject()).as("as the update handed it back").isEqualTo("bypassed after the insert");

        complaints.updateStatus(cn, ComplaintStatus.IN_PROGRESS, FILED.plusSeconds(60));
        bypass(cn, "bypassed after the status");
        Complaint moved = complaints.find(cn).orElseThrow();
        assertThat(moved.status()).isEqualTo(ComplaintStatus.IN_PROGRESS);
        assertThat(moved.grade()).isEqualTo(Grade.G3);
        assertThat(moved.subject()).isEqualTo("bypassed after the triage");
    }

    @Test
    void aFirstPlanIsInsertedAndALaterOneReplacesTheDepartmentsNotYetStarted() {
        String cn = "CMP-20261203-000107";
        complaints.insert(complaint(cn, "hotline", null, customer()));
        complaints.planDepartments(cn, java.util.List.of("logistics", "after-sales"), FILED);
        assertThat(complaints.departments(cn)).extracting(DepartmentAssignment::department, DepartmentAssignment::lead,
                DepartmentAssignment::state).containsExactly(org.assertj.core.groups.Tuple.tuple("logistics", true,
                        "PLANNED"), org.assertj.core.groups.Tuple.tuple("after-sales", false, "PLANNED"));

        complaints.assignDepartment(cn, "after-sales", "part-of-after-sales", FILED.plusSeconds(10));
        assertThat(jdbc.sql("select part_instance_id from complaint_department where case_number = ? and department = ?")
                .params(cn, "after-sales").query(String.class).single()).as("the part, in the same statement")
                .isEqualTo("part-of-after-sales");
        complaints.planDepartments(cn, java.util.List.of("quality"), FILED.plusSeconds(20));
        assertThat(complaints.departments(cn)).extracting(DepartmentAssignment::department, DepartmentAssignment::lead,
                DepartmentAssignment::state).containsExactly(org.assertj.core.groups.Tuple.tuple("quality", true,
                        "PLANNED"), org.assertj.core.groups.Tuple.tuple("after-sales", false, "ASSIGNED"));
    }

    @Test
    void theAnswerIsWrittenWithTheStatusThatDeliversItInOneUpdate() {
        String cn = "CMP-20261203-000108";
        complaints.insert(complaint(cn, "hotline", null, customer()));

        complaints.recordResolution(cn, "已补发", new BigDecimal("50"), FILED.plusSeconds(10));
        assertThat(raw(cn, "resolution")).as("held until the row's next write").isNull();

        complaints.updateStatus(cn, ComplaintStatus.RESOLVED, FILED.plusSeconds(20));
        assertThat(raw(cn, "resolution || '/' || compensation || '/' || status")).isEqualTo("已补发/50.00/RESOLVED");
        bypass(cn, "bypassed after the status");
        Complaint delivered = complaints.find(cn).orElseThrow();
        assertThat(delivered.resolution()).as("the row the one update handed back").isEqualTo("已补发");
        assertThat(delivered.updatedAt()).isEqualTo(FILED.plusSeconds(20));
    }

    @Test
    void theClosuresCauseIsWrittenWithTheClosureAndKnownBeforeIt() {
        String cn = "CMP-20261203-000109";
        complaints.insert(complaint(cn, "hotline", null, customer()));
        assertThat(complaints.closureCause(cn)).isEmpty();

        complaints.recordClosureCause(cn, "process", "logistics", true);
        assertThat(raw(cn, "root_cause")).as("held until the row's next write").isNull();
        assertThat(complaints.closureCause(cn)).contains(
                new ComplaintRepository.ClosureColumns("process", "logistics", true));

        complaints.close(cn, FILED.plusSeconds(30));
        assertThat(raw(cn, "root_cause || '/' || responsible_department || '/' || preventable || '/' || status"))
                .isEqualToIgnoringCase("process/logistics/true/CLOSED");
        bypass(cn, "bypassed after the closure");
        assertThat(complaints.find(cn).orElseThrow().status()).isEqualTo(ComplaintStatus.CLOSED);
        assertThat(complaints.closureCause(cn)).contains(
                new ComplaintRepository.ClosureColumns("process", "logistics", true));
    }

    @Test
    void heldColumnsAreWrittenBeforeAReadAndAtCommitWhenNoOtherWriteFollows() {
        String cn = "CMP-20261203-000110";
        complaints.insert(complaint(cn, "hotline", null, customer()));
        complaints.recordResolution(cn, "先读后写", null, FILED.plusSeconds(5));
        assertThat(complaints.find(cn).orElseThrow().resolution()).as("written before the read").isEqualTo("先读后写");

        TransactionTemplate own = new TransactionTemplate(transactions, new DefaultTransactionDefinition(
                TransactionDefinition.PROPAGATION_REQUIRES_NEW));
        String committed = "CMP-20261203-000111";
        try {
            own.executeWithoutResult(status -> {
                complaints.insert(complaint(committed, "hotline", null, customer()));
                complaints.recordResolution(committed, "只有答复", null, FILED.plusSeconds(10));
                complaints.recordClosureCause(committed, "process", "billing", false);
            });
            String written = own.execute(status -> raw(committed, "resolution || '/' || root_cause || '/' || preventable"));
            assertThat(written)
                    .isEqualToIgnoringCase("只有答复/process/false");
        } finally {
            own.executeWithoutResult(status -> jdbc.sql("delete from complaint where case_number = ?")
                    .param(committed).update());
        }
    }

    private String raw(String caseNumber, String expression) {
        return jdbc.sql("select " + expression + " from complaint where case_number = ?").param(caseNumber)
                .query((rs, n) -> rs.getString(1)).list().get(0);
    }

    @Test
    void aTransactionsTimelineIsWrittenAtItsCommitInOrderOrEarlierWhenItReadsTheTimeline() {
        String cn = "CMP-20261203-000112";
        TransactionTemplate own = new TransactionTemplate(transactions, new DefaultTransactionDefinition(
                TransactionDefinition.PROPAGATION_REQUIRES_NEW));
        try {
            long stored = own.execute(status -> {
                complaints.insert(complaint(cn, "hotline", null, customer()));
                complaints.addTimelineEntry(cn, FILED, "system", "GRADED", "定级", null);
                complaints.addTimelineEntry(cn, FILED.plusSeconds(1), "system", "DEADLINES", "时限", "细节");
                complaints.addTimelineEntry(cn, FILED.plusSeconds(2), "system", "ASSIGNED", "分派", null);
                return storedEntries(cn);
            });
            assertThat(stored).as("nothing written before the commit").isZero();
            assertThat(complaints.timeline(cn)).extracting(TimelineEntry::kind)
                    .containsExactly("GRADED", "DEADLINES", "ASSIGNED");

            List<String> read = own.execute(status -> {
                complaints.addTimelineEntry(cn, FILED.plusSeconds(3), "system", "PROPOSED", "方案", null);
                return complaints.timeline(cn).stream().map(TimelineEntry::kind).toList();
            });
            assertThat(read).as("a read in the transaction sees what it recorded").containsExactly("GRADED",
                    "DEADLINES", "ASSIGNED", "PROPOSED");

            own.execute(status -> {
                complaints.addTimelineEntry(cn, FILED.plusSeconds(4), "system", "CLOSED", "结案", null);
                status.setRollbackOnly();
                return null;
            });
            assertThat(storedEntries(cn)).as("rolled back: not written").isEqualTo(4);
        } finally {
            own.executeWithoutResult(status -> {
                jdbc.sql("delete from timeline_entry where case_number = ?").param(cn).update();
                jdbc.sql("delete from complaint where case_number = ?").param(cn).update();
            });
        }
    }

    private long storedEntries(String caseNumber) {
        return jdbc.sql("select count(*) from timeline_entry where case_number = ?").param(caseNumber)
                .query(Long.class).single();
    }

    private void bypass(String caseNumber, String subject) {
        jdbc.sql("update complaint set subject = ? where case_number = ?").param(subject).param(caseNumber).update();
    }

    @Test
    void aMissingRowIsNotRemembered() {
        assertThat(complaints.find("CMP-20261203-000105")).isEmpty();
        complaints.insert(complaint("CMP-20261203-000105", "hotline", null, customer()));
        assertThat(complaints.find("CMP-20261203-000105")).isPresent();
    }

    private static Customer customer() {
        return new Customer("王五", "13700002222", "wang@example.com", null, false);
    }

    private static Complaint complaint(String caseNumber, String channel, String externalRef, Customer customer) {
        return new Complaint(caseNumber, channel, externalRef, null, null, customer, Category.DELIVERY,
                "快递柜", "包裹丢失", "三天未收到包裹", new BigDecimal("199.90"), FILED.minus(1, ChronoUnit.DAYS), false,
                ComplaintStatus.ACCEPTED,
                null, 0, null, 0, 0, 0, null, null, null, FILED, FILED, null);
    }
}
