package io.complaintflow.complaint;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A complaint's grade, G1 (一般) to G4 (危机): ordered, so {@code compareTo} compares severity. In JSON, the database and process variables it is its code ({@code @JsonValue}); the decision
 * tables and forms read codes, so the engine adapters translate with {@link #of(String)} and {@link #code()}.
 */
public enum Grade implements Coded {
    G1("G1", "一般"),
    G2("G2", "重要"),
    G3("G3", "重大"),
    G4("G4", "危机");

    private final String code;
    private final String label;

    Grade(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }

    /** Null for null; an unknown code is refused (a request naming one gets a 400 naming its field). */
    @JsonCreator
    public static Grade of(String code) {
        return Coded.of(Grade.class, code);
    }

    /** The code, so that text built from a value reads as it did when values were strings. */
    @Override
    public String toString() {
        return code;
    }
}
