package io.complaintflow.complaint;

import io.complaintflow.transaction.TransactionMemory;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Complaint rows already read in the current transaction. One step of a complaint (an intake, a job, a submitted
 * form) read the same row up to seven times through the services it calls (bench/README.md); within one transaction
 * the row only changes through {@link ComplaintRepository}, whose every write forgets it here (or puts the row it
 * wrote and got back), so a second read can
 * be answered from memory. Kept in a {@link TransactionMemory}: a nested transaction starts empty, nothing outlives the
 * transaction, and outside a transaction every read goes to the database.
 */
final class TransactionReads {

    private TransactionReads() {
    }

    private static final TransactionMemory<String, Complaint> MEMORY = new TransactionMemory<>();

    static Optional<Complaint> find(String caseNumber, Supplier<Optional<Complaint>> read) {
        Map<String, Complaint> rows = MEMORY.inTransaction();
        if (rows == null) {
            return read.get();
        }
        Complaint known = rows.get(caseNumber);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Complaint> found = read.get();
        // a missing row is not remembered: another transaction may commit it before the next read
        found.ifPresent(c -> rows.put(caseNumber, c));
        return found;
    }

    /** The repository wrote {@code row} and got it back: later reads in this transaction see it. */
    static void written(Complaint row) {
        Map<String, Complaint> rows = MEMORY.inTransaction();
        if (rows != null) {
            rows.put(row.caseNumber(), row);
        }
    }

    /** The row is written (or about to be): the next read in this transaction goes to the database. */
    static void forget(String caseNumber) {
        Map<String, Complaint> rows = MEMORY.ifUsed();
        if (rows != null) {
            rows.remove(caseNumber);
        }
    }
}
