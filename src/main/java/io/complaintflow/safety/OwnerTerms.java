package io.complaintflow.safety;

import java.util.List;

/** Where the process owners' additions to the safety lexicon come from (asked for on every screening). */
public interface OwnerTerms {

    List<OwnerTerm> current();

    /** @param kind one of {@link SafetyKind#ALL} */
    record OwnerTerm(String term, String kind) {
    }
}
