package io.complaintflow.pdca;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** A cause is read once per transaction (the closing form checks it, the closure names it); a write forgets it. */
@ComplaintFlowTest
class RootCausesTest {

    @Autowired RootCauses causes;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;

    @Test
    void aCauseIsReadOnceInATransactionAndAgainAfterTheTaxonomyChanges() {
        String code = "t-" + UUID.randomUUID().toString().substring(0, 8);
        causes.insert(code, "测试原因", null, true, 99, "test");

        transaction.executeWithoutResult(status -> {
            assertThat(causes.find(code)).get().extracting(RootCause::label).isEqualTo("测试原因");
            // changed behind the repository's back: this transaction keeps what it read
            jdbc.sql("update root_cause set label = '旁改' where code = ?").param(code).update();
            assertThat(causes.labelOf(code)).isEqualTo("测试原因");
            causes.update(code, "新标签", null, true, 99, "test");
            assertThat(causes.labelOf(code)).as("the repository's write forgets").isEqualTo("新标签");
        });
        jdbc.sql("update root_cause set label = '事务外' where code = ?").param(code).update();
        assertThat(causes.labelOf(code)).as("outside a transaction every read reads").isEqualTo("事务外");
        assertThat(causes.find("t-none")).isEmpty();
        jdbc.sql("delete from root_cause where code = ?").param(code).update();
    }
}
