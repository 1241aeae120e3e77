package io.complaintflow.escalation;

import io.complaintflow.sla.Deadline;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The deadlines a ladder's step left behind, by ladder instance, for the rest of the transaction: the ladder's
 * gateway and its next timer decide from them right after the step, in the same command, instead of reading the
 * deadlines twice more. Kept as a transaction synchronization, so nothing outlives the transaction (a retry reads
 * again); outside a transaction nothing is kept. (Not a transient process variable: the engine serializes even those.)
 */
final class StepsInHand {

    private StepsInHand() {
    }

    private static final class Held implements TransactionSynchronization {
        final Map<String, List<Deadline>> byLadder = new HashMap<>();
    }

    static void keep(String ladderInstanceId, List<Deadline> watched) {
        Held held = current(true);
        if (held != null) {
            held.byLadder.put(ladderInstanceId, watched);
        }
    }

    /** The deadlines the ladder's step left in this transaction, or null. */
    static List<Deadline> of(String ladderInstanceId) {
        Held held = current(false);
        return held == null ? null : held.byLadder.get(ladderInstanceId);
    }

    private static Held current(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Held held) {
                return held;
            }
        }
        if (!create) {
            return null;
        }
        Held held = new Held();
        TransactionSynchronizationManager.registerSynchronization(held);
        return held;
    }
}
