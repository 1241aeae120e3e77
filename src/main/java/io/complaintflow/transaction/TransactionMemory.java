package io.complaintflow.transaction;

import java.util.HashMap;
import java.util.Map;
import org.springframework.transaction.support.TransactionSynchronization;

/**
 * A map that lives as long as the current transaction ({@link TransactionScoped}): what one step has already read (or
 * decided) is answered from it for the rest of that transaction; a nested transaction or a retry starts empty; outside
 * a transaction there is no map and every caller reads the database.
 * What may be remembered, and which writes forget it, is the owner's rule.
 */
public final class TransactionMemory<K, V> {

    private static final class Entries<K, V> implements TransactionSynchronization {
        private final TransactionMemory<K, V> owner;
        private final Map<K, V> map = new HashMap<>();

        private Entries(TransactionMemory<K, V> owner) {
            this.owner = owner;
        }
    }

    /** The current transaction's map, created on first use; null outside a transaction. */
    public Map<K, V> inTransaction() {
        return current(true);
    }

    /** The current transaction's map if this transaction has used it, else null (nothing to forget). */
    public Map<K, V> ifUsed() {
        return current(false);
    }

    @SuppressWarnings("unchecked")
    private Map<K, V> current(boolean create) {
        Entries<?, ?> entries = TransactionScoped.find(Entries.class, e -> e.owner == this,
                create ? () -> new Entries<>(this) : null);
        return entries == null ? null : ((Entries<K, V>) entries).map;
    }
}
