package io.complaintflow.complaint;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A feature's rows that hold what a customer is or wrote (names, phones, free text), anonymised by the package that
 * owns them when the customer's data is erased. privacy/Erasure finds every bean implementing this, reads their texts
 * first (to learn the values to look for), then asks each to anonymise its own rows in the erasure's transaction:
 * Erasure orchestrates, each owner writes only its own tables (docs/design.md, "One writer per table").
 */
public interface PersonalRecords {

    /** The free texts this owner keeps of the complaint, read before anything changes (searched for personal values). */
    default List<String> texts(String caseNumber) {
        return List.of();
    }

    /**
     * Anonymises the complaint's rows: free text through {@code scrub} (the customers' values and every personal pattern
     * replaced), what is only personal removed. Runs in the caller's transaction.
     */
    void anonymise(String caseNumber, UnaryOperator<String> scrub);

    /** A scrubbed text cut to its column's size (a replacement may be longer than what it replaced). */
    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
