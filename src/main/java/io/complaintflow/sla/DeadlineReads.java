package io.complaintflow.sla;

import io.complaintflow.transaction.TransactionMemory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A case's deadlines already read or written in the current transaction. One step of a complaint (an intake job, a
 * ladder step, a submitted form) read the same deadline rows about 23 times per closed complaint through the services
 * it calls (bench/README.md, "closed complaint: grants and deadline reads"); within one transaction they only change
 * through {@link DeadlineRepository}, whose every write hands back the row it wrote and puts it here (write-through:
 * the write holds the row's lock until the transaction ends, so nobody changes it meanwhile), so a later read is
 * answered from memory. The same pattern as the complaint row's {@code complaint/TransactionReads}, kept in a
 * {@link TransactionMemory}: a nested transaction starts empty, nothing outlives the transaction, and outside a
 * transaction every read goes to the database.
 */
final class DeadlineReads {

    private DeadlineReads() {
    }

    /**
     * What this transaction knows of a case: its deadlines in id order, all of them once read ({@code complete}),
     * else only those it wrote.
     */
    private record Known(List<Deadline> deadlines, boolean complete) {
    }

    private static final TransactionMemory<String, Known> MEMORY = new TransactionMemory<>();

    /** All deadlines of the case, in the order the repository reads them. */
    static List<Deadline> all(String caseNumber, Supplier<List<Deadline>> read) {
        Map<String, Known> cases = MEMORY.inTransaction();
        if (cases == null) {
            return read.get();
        }
        Known known = cases.get(caseNumber);
        if (known == null || !known.complete()) {
            List<Deadline> all = List.copyOf(read.get());
            // a case without deadlines is not remembered: another transaction may start one before the next read
            if (!all.isEmpty()) {
                cases.put(caseNumber, new Known(all, true));
            }
            return all;
        }
        return known.deadlines();
    }

    /**
     * One deadline of the case: from memory when this transaction read or wrote it, else read again (a deadline
     * missing from memory is not trusted as missing: another transaction may have started it).
     */
    static Optional<Deadline> find(String caseNumber, String name, Supplier<List<Deadline>> read) {
        Map<String, Known> cases = MEMORY.inTransaction();
        Known known = cases == null ? null : cases.get(caseNumber);
        Optional<Deadline> found = known == null ? Optional.empty() : byName(known.deadlines(), name);
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

    /** The repository wrote {@code row} and got it back: the case's later reads in this transaction see it. */
    static void written(Deadline row) {
        Map<String, Known> cases = MEMORY.inTransaction();
        if (cases == null) {
            return;
        }
        Known known = cases.get(row.caseNumber());
        List<Deadline> deadlines = new ArrayList<>(known == null ? List.of() : known.deadlines());
        deadlines.removeIf(d -> d.id() == row.id() || d.name().equals(row.name()));
        deadlines.add(row);
        deadlines.sort(Comparator.comparingLong(Deadline::id));
        cases.put(row.caseNumber(), new Known(List.copyOf(deadlines), known != null && known.complete()));
    }

    /**
     * Every deadline of the case, as a statement of this transaction saw them (a write that read the case's other
     * rows with it): later reads are answered from memory as after {@link #all}.
     */
    static void read(String caseNumber, List<Deadline> all) {
        Map<String, Known> cases = MEMORY.inTransaction();
        if (cases != null && !all.isEmpty()) {
            List<Deadline> sorted = new ArrayList<>(all);
            sorted.sort(Comparator.comparingLong(Deadline::id));
            cases.put(caseNumber, new Known(List.copyOf(sorted), true));
        }
    }

    /** A conditional write changed nothing (another transaction moved the row): the next read goes to the database. */
    static void forget(String caseNumber) {
        Map<String, Known> cases = MEMORY.ifUsed();
        if (cases != null) {
            cases.remove(caseNumber);
        }
    }
}
