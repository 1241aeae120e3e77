package io.complaintflow.complaint;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A complaint's status. In JSON, the database and process variables it is its code ({@code @JsonValue}); the decision
 * tables and forms read codes, so the engine adapters translate with {@link #of(String)} and {@link #code()}.
 */
public enum ComplaintStatus implements Coded {
    ACCEPTED("ACCEPTED", "已受理"),
    IN_PROGRESS("IN_PROGRESS", "处理中"),
    AWAITING_CUSTOMER("AWAITING_CUSTOMER", "待客户补充"),
    RESOLVED("RESOLVED", "已答复"),
    CLOSED("CLOSED", "已结案"),
    REOPENED("REOPENED", "已重新打开");

    private final String code;
    private final String label;

    ComplaintStatus(String code, String label) {
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
    public static ComplaintStatus of(String code) {
        return Coded.of(ComplaintStatus.class, code);
    }

    /** The code, so that text built from a value reads as it did when values were strings. */
    @Override
    public String toString() {
        return code;
    }
}
