package io.complaintflow.escalation;

import io.complaintflow.sla.Deadline;
import io.complaintflow.transaction.TransactionMemory;
import java.util.List;
import java.util.Map;

/**
 * The deadlines a ladder's step left behind, by ladder instance, for the rest of the transaction: the ladder's
 * gateway and its next timer decide from them right after the step, in the same command, instead of reading the
 * deadlines twice more. Kept in a {@link TransactionMemory}, so nothing outlives the transaction (a retry reads
 * again); outside a transaction nothing is kept. (Not a transient process variable: the engine serializes even those.)
 */
final class StepsInHand {

    private StepsInHand() {
    }

    private static final TransactionMemory<String, List<Deadline>> MEMORY = new TransactionMemory<>();

    static void keep(String ladderInstanceId, List<Deadline> watched) {
        Map<String, List<Deadline>> held = MEMORY.inTransaction();
        if (held != null) {
            held.put(ladderInstanceId, watched);
        }
    }

    /** The deadlines the ladder's step left in this transaction, or null. */
    static List<Deadline> of(String ladderInstanceId) {
        Map<String, List<Deadline>> held = MEMORY.ifUsed();
        return held == null ? null : held.get(ladderInstanceId);
    }
}
