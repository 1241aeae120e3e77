package io.complaintflow.complaint;

import java.util.Arrays;
import java.util.Optional;

/** A value of the shared vocabulary: a stable code for machines and a Chinese label for people. */
public interface Coded {

    String code();

    String label();

    static <E extends Enum<E> & Coded> Optional<E> parse(Class<E> type, String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.code().equals(code)).findFirst();
    }

    /**
     * The value of {@code code}, null for null; an unknown code is refused (a row or request with a value the
     * vocabulary does not know is an error, not a value).
     */
    static <E extends Enum<E> & Coded> E of(Class<E> type, String code) {
        if (code == null) {
            return null;
        }
        return parse(type, code).orElseThrow(() -> new IllegalArgumentException(
                "'" + code + "' is not a " + type.getSimpleName() + " (one of " + codes(type) + ")"));
    }

    /** The code of {@code value}, null for null: what the database, the JSON and the engine's variables hold. */
    static String codeOf(Coded value) {
        return value == null ? null : value.code();
    }

    static <E extends Enum<E> & Coded> String codes(Class<E> type) {
        return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Coded::code).toList());
    }

    /** The label of {@code value}, "—" for none. */
    static String labelOf(Coded value) {
        return value == null ? "—" : value.label();
    }

    static <E extends Enum<E> & Coded> String labelOf(Class<E> type, String code) {
        return parse(type, code).map(Coded::label).orElse(code == null ? "—" : code);
    }
}
