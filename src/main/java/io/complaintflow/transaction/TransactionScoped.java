package io.complaintflow.transaction;

import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * State that lives as long as the current transaction, kept as one of its synchronizations: a nested transaction
 * (REQUIRES_NEW suspends the outer one's synchronizations) starts without it, a retry starts without it, and nothing
 * outlives the transaction.
 */
public final class TransactionScoped {

    private TransactionScoped() {
    }

    /**
     * The current transaction's synchronization of this type that {@code mine} picks; if there is none, the one
     * {@code create} makes, registered — or null when {@code create} is null. Null outside a transaction.
     */
    public static <T extends TransactionSynchronization> T find(Class<T> type, Predicate<? super T> mine,
                                                                Supplier<? extends T> create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (type.isInstance(s) && mine.test(type.cast(s))) {
                return type.cast(s);
            }
        }
        if (create == null) {
            return null;
        }
        T made = create.get();
        TransactionSynchronizationManager.registerSynchronization(made);
        return made;
    }
}
