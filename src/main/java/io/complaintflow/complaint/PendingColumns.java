package io.complaintflow.complaint;

import io.complaintflow.transaction.TransactionScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.springframework.transaction.support.TransactionSynchronization;

/**
 * Columns of complaint rows written in the current transaction but not yet sent: a step that sets a few columns
 * (the center's answer, the closure's cause) is followed in the same transaction by the step that moves the status
 * (delivering the answer, closing), and the two went as two statements writing the same row — each a new row version with an
 * entry in every one of the table's indexes. Held here, they go with the repository's next write of that row, or
 * at commit ({@code beforeCommit}) if none comes; outside a transaction nothing is held. A nested transaction
 * (REQUIRES_NEW suspends the outer one's synchronizations) starts empty.
 */
final class PendingColumns {

    private static final class Held implements TransactionSynchronization {
        private final PendingColumns owner;
        private final Map<String, Map<String, Object>> byCase = new LinkedHashMap<>();

        private Held(PendingColumns owner) {
            this.owner = owner;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            owner.flushAll(this);
        }
    }

    private final BiConsumer<String, Map<String, Object>> writer;

    /** {@code writer} sends one case's columns as one update. */
    PendingColumns(BiConsumer<String, Map<String, Object>> writer) {
        this.writer = writer;
    }

    /** Holds the columns for the case; false outside a transaction (the caller writes them itself). */
    boolean hold(String caseNumber, Map<String, Object> columns) {
        Held held = current(true);
        if (held == null) {
            return false;
        }
        held.byCase.computeIfAbsent(caseNumber, k -> new LinkedHashMap<>()).putAll(columns);
        return true;
    }

    /** The case's held columns, taken out (the caller writes them with its own update); empty if none. */
    Map<String, Object> take(String caseNumber) {
        Held held = current(false);
        Map<String, Object> columns = held == null ? null : held.byCase.remove(caseNumber);
        return columns == null ? Map.of() : columns;
    }

    /** The case's held columns, still held; empty if none. */
    Map<String, Object> peek(String caseNumber) {
        Held held = current(false);
        Map<String, Object> columns = held == null ? null : held.byCase.get(caseNumber);
        return columns == null ? Map.of() : Map.copyOf(columns);
    }

    /** Writes the case's held columns now (before a read or another write of the row). */
    void flush(String caseNumber) {
        Map<String, Object> columns = take(caseNumber);
        if (!columns.isEmpty()) {
            writer.accept(caseNumber, columns);
        }
    }

    /** Writes every held case now (before a query over many rows). */
    void flushAll() {
        Held held = current(false);
        if (held != null) {
            flushAll(held);
        }
    }

    private void flushAll(Held held) {
        while (!held.byCase.isEmpty()) {
            String caseNumber = held.byCase.keySet().iterator().next();
            writer.accept(caseNumber, held.byCase.remove(caseNumber));
        }
    }

    private Held current(boolean create) {
        return TransactionScoped.find(Held.class, held -> held.owner == this, create ? () -> new Held(this) : null);
    }
}
