package io.complaintflow.sla;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A case's deadlines already read in the current transaction. One step of a complaint (an intake job, a ladder
 * step, a submitted form) read the same deadline rows about 23 times per closed complaint through the services it
 * calls (bench/README.md, "closed complaint: grants and deadline reads"); within one transaction they only change
 * through {@link DeadlineRepository}, whose every write forgets the case here, so a later read is answered from
 * memory. The same pattern as the complaint row's {@code complaint/TransactionReads}: kept as a transaction
 * synchronization, so a nested transaction (REQUIRES_NEW suspends the outer one's synchronizations) starts empty and
 * nothing outlives the transaction; outside a transaction every read goes to the database.
 */
final class DeadlineReads {

    private DeadlineReads() {
    }

    private static final class Cases implements TransactionSynchronization {
        final Map<String, List<Deadline>> byCaseNumber = new HashMap<>();
    }

    /** All deadlines of the case, in the order the repository reads them. */
    static List<Deadline> all(String caseNumber, Supplier<List<Deadline>> read) {
        Cases cases = current(true);
        if (cases == null) {
            return read.get();
        }
        List<Deadline> known = cases.byCaseNumber.get(caseNumber);
        if (known == null) {
            known = List.copyOf(read.get());
            // a case without deadlines is not remembered: another transaction may start one before the next read
            if (!known.isEmpty()) {
                cases.byCaseNumber.put(caseNumber, known);
            }
        }
        return known;
    }

    /**
     * One deadline of the case: from memory when this transaction read the case's deadlines and found it, else read
     * again (a deadline missing from memory is not trusted as missing: another transaction may have started it).
     */
    static Optional<Deadline> find(String caseNumber, String name, Supplier<List<Deadline>> read) {
        Cases cases = current(true);
        List<Deadline> known = cases == null ? null : cases.byCaseNumber.get(caseNumber);
        Optional<Deadline> found = known == null ? Optional.empty() : byName(known, name);
        if (found.isPresent()) {
            return found;
        }
        if (cases != null) {
            cases.byCaseNumber.remove(caseNumber);
        }
        return byName(all(caseNumber, read), name);
    }

    private static Optional<Deadline> byName(List<Deadline> deadlines, String name) {
        return deadlines.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** A deadline of the case is written (or about to be): the next read in this transaction goes to the database. */
    static void forget(String caseNumber) {
        Cases cases = current(false);
        if (cases != null) {
            cases.byCaseNumber.remove(caseNumber);
        }
    }

    private static Cases current(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Cases cases) {
                return cases;
            }
        }
        if (!create) {
            return null;
        }
        Cases cases = new Cases();
        TransactionSynchronizationManager.registerSynchronization(cases);
        return cases;
    }
}
