package io.complaintflow.sla;

import io.complaintflow.transaction.TransactionMemory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A case's deadlines already read in the current transaction. One step of a complaint (an intake job, a ladder
 * step, a submitted form) read the same deadline rows about 23 times per closed complaint through the services it
 * calls (bench/README.md, "closed complaint: grants and deadline reads"); within one transaction they only change
 * through {@link DeadlineRepository}, whose every write forgets the case here, so a later read is answered from
 * memory. The same pattern as the complaint row's {@code complaint/TransactionReads}, kept in a
 * {@link TransactionMemory}: a nested transaction starts empty, nothing outlives the transaction, and outside a
 * transaction every read goes to the database.
 */
final class DeadlineReads {

    private DeadlineReads() {
    }

    private static final TransactionMemory<String, List<Deadline>> MEMORY = new TransactionMemory<>();

    /** All deadlines of the case, in the order the repository reads them. */
    static List<Deadline> all(String caseNumber, Supplier<List<Deadline>> read) {
        Map<String, List<Deadline>> cases = MEMORY.inTransaction();
        if (cases == null) {
            return read.get();
        }
        List<Deadline> known = cases.get(caseNumber);
        if (known == null) {
            known = List.copyOf(read.get());
            // a case without deadlines is not remembered: another transaction may start one before the next read
            if (!known.isEmpty()) {
                cases.put(caseNumber, known);
            }
        }
        return known;
    }

    /**
     * One deadline of the case: from memory when this transaction read the case's deadlines and found it, else read
     * again (a deadline missing from memory is not trusted as missing: another transaction may have started it).
     */
    static Optional<Deadline> find(String caseNumber, String name, Supplier<List<Deadline>> read) {
        Map<String, List<Deadline>> cases = MEMORY.inTransaction();
        List<Deadline> known = cases == null ? null : cases.get(caseNumber);
        Optional<Deadline> found = known == null ? Optional.empty() : byName(known, name);
        if (found.isPresent()) {
            return found;
        }
        if (cases != null) {
            cases.remove(caseNumber);
        }
        return byName(all(caseNumber, read), name);
    }

    private static Optional<Deadline> byName(List<Deadline> deadlines, String name) {
        return deadlines.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** A deadline of the case is written (or about to be): the next read in this transaction goes to the database. */
    static void forget(String caseNumber) {
        Map<String, List<Deadline>> cases = MEMORY.ifUsed();
        if (cases != null) {
            cases.remove(caseNumber);
        }
    }
}
