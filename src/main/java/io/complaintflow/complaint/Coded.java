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

    static <E extends Enum<E> & Coded> String codes(Class<E> type) {
        return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Coded::code).toList());
    }

    static <E extends Enum<E> & Coded> String labelOf(Class<E> type, String code) {
        return parse(type, code).map(Coded::label).orElse(code == null ? "—" : code);
    }
}
