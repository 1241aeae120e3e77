package io.complaintflow.complaint;

import io.complaintflow.transaction.TransactionScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionSynchronization;

/**
 * The timeline entries the current transaction has recorded, written as one multi-row INSERT just before it commits —
 * or at once when something in the transaction reads the timeline ({@link ComplaintRepository} flushes before each of
 * its reads of {@code timeline_entry}; report/ReportService reads it in transactions that record none). The intake's job records three entries (graded and routed, deadlines, assigned)
 * between its other statements: one INSERT instead of three. Ids follow the order of recording, as before; a
 * transaction that rolls back writes none, as before. Outside a transaction an entry is inserted at once. A
 * transaction of its own (REQUIRES_NEW suspends the outer one's synchronizations) keeps its own entries.
 */
final class PendingTimeline implements TransactionSynchronization {

    /** More entries than this in one transaction are written in pieces of this size. */
    static final int PIECE = 500;

    record Entry(String caseNumber, OffsetDateTime at, String actor, String kind, String summary, String detail) {
    }

    private final Consumer<List<Entry>> insert;
    private final List<Entry> entries = new ArrayList<>();

    private PendingTimeline(Consumer<List<Entry>> insert) {
        this.insert = insert;
    }

    static void add(Consumer<List<Entry>> insert, Entry entry) {
        PendingTimeline pending = current(insert, true);
        if (pending == null) {
            insert.accept(List.of(entry));
            return;
        }
        pending.entries.add(entry);
        if (pending.entries.size() >= PIECE) {
            pending.write();
        }
    }

    /** Writes what this transaction has recorded so far: a read of the timeline follows. */
    static void flush(Consumer<List<Entry>> insert) {
        PendingTimeline pending = current(insert, false);
        if (pending != null) {
            pending.write();
        }
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        write();
    }

    private void write() {
        if (!entries.isEmpty()) {
            insert.accept(entries);
            entries.clear();
        }
    }

    private static PendingTimeline current(Consumer<List<Entry>> insert, boolean create) {
        return TransactionScoped.find(PendingTimeline.class, pending -> true,
                create ? () -> new PendingTimeline(insert) : null);
    }
}
