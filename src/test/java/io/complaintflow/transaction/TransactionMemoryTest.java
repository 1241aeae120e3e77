package io.complaintflow.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class TransactionMemoryTest {

    private final TransactionMemory<String, String> memory = new TransactionMemory<>();

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    private static void beginTransaction() {
        TransactionSynchronizationManager.initSynchronization();
        TransactionSynchronizationManager.setActualTransactionActive(true);
    }

    @Test
    void outsideATransactionNothingIsKept() {
        assertThat(memory.inTransaction()).isNull();
        assertThat(memory.ifUsed()).isNull();
    }

    @Test
    void oneTransactionSeesWhatItKept() {
        beginTransaction();
        assertThat(memory.ifUsed()).as("not used yet: nothing to forget").isNull();
        memory.inTransaction().put("CMP-1", "read once");

        assertThat(memory.inTransaction()).containsEntry("CMP-1", "read once");
        assertThat(memory.ifUsed()).containsEntry("CMP-1", "read once");
    }

    @Test
    void twoMemoriesOfOneTransactionKeepApart() {
        beginTransaction();
        TransactionMemory<String, String> other = new TransactionMemory<>();
        memory.inTransaction().put("CMP-1", "mine");

        assertThat(other.inTransaction()).isEmpty();
        assertThat(memory.inTransaction()).containsOnlyKeys("CMP-1");
    }

    @Test
    void theNextTransactionStartsEmpty() {
        beginTransaction();
        memory.inTransaction().put("CMP-1", "first transaction");
        endTransaction();

        beginTransaction();
        Map<String, String> next = memory.inTransaction();
        assertThat(next).isEmpty();
    }
}
