package io.complaintflow.formguard;

import java.math.BigDecimal;
import java.util.List;

/**
 * One input of a Camunda Form (form-js schema), as far as a submission is concerned: its key, type, whether the
 * handler can change it, and its validation and options.
 */
record FormField(String key, String type, String label, boolean readOnly, boolean required, BigDecimal min,
                 BigDecimal max, Integer minLength, Integer maxLength, String pattern, Integer decimalDigits,
                 List<String> options, String valuesKey, String hide, String subtype) {

    static final java.util.Set<String> TEXT = java.util.Set.of("textfield", "textarea");
    static final java.util.Set<String> CHOICE = java.util.Set.of("select", "radio");
    static final java.util.Set<String> MULTI = java.util.Set.of("checklist", "taglist");

    String name() {
        return label == null || label.isBlank() ? key : key + "（" + label + "）";
    }
}
