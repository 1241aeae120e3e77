package io.complaintflow.complaint;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Complaint rows already read in the current transaction. One step of a complaint (an intake, a job, a submitted
 * form) read the same row up to seven times through the services it calls (bench/README.md); within one transaction
 * the row only changes through {@link ComplaintRepository}, whose every write forgets it here, so a second read can
 * be answered from memory. Kept as a transaction synchronization, so a nested transaction (REQUIRES_NEW suspends the
 * outer one's synchronizations) starts empty and nothing outlives the transaction; outside a transaction every
 * read goes to the database.
 */
final class TransactionReads {

    private TransactionReads() {
    }

    private static final class Rows implements TransactionSynchronization {
        final Map<String, Optional<Complaint>> byCaseNumber = new HashMap<>();
    }

    static Optional<Complaint> find(String caseNumber, Supplier<Optional<Complaint>> read) {
        Rows rows = current(true);
        if (rows == null) {
            return read.get();
        }
        Optional<Complaint> known = rows.byCaseNumber.get(caseNumber);
        if (known == null) {
            known = read.get();
            // a missing row is not remembered: another transaction may commit it before the next read
            known.ifPresent(c -> rows.byCaseNumber.put(caseNumber, Optional.of(c)));
        }
        return known;
    }

    /** The row is written (or about to be): the next read in this transaction goes to the database. */
    static void forget(String caseNumber) {
        Rows rows = current(false);
        if (rows != null) {
            rows.byCaseNumber.remove(caseNumber);
        }
    }

    private static Rows current(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Rows rows) {
                return rows;
            }
        }
        if (!create) {
            return null;
        }
        Rows rows = new Rows();
        TransactionSynchronizationManager.registerSynchronization(rows);
        return rows;
    }
}
