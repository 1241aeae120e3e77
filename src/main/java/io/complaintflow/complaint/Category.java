package io.complaintflow.complaint;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A complaint's category. In JSON, the database and process variables it is its code ({@code @JsonValue}); the decision
 * tables and forms read codes, so the engine adapters translate with {@link #of(String)} and {@link #code()}.
 */
public enum Category implements Coded {
    PRODUCT_QUALITY("product-quality", "产品质量"),
    AFTER_SALES("after-sales", "售后服务"),
    BILLING("billing", "计费账单"),
    DELIVERY("delivery", "物流配送"),
    SERVICE_ATTITUDE("service-attitude", "服务态度"),
    CONTRACT("contract", "合同纠纷"),
    MARKETING("marketing", "营销宣传"),
    PRIVACY("privacy", "个人信息"),
    SAFETY("safety", "安全问题"),
    OTHER("other", "其他");

    private final String code;
    private final String label;

    Category(String code, String label) {
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
    public static Category of(String code) {
        return Coded.of(Category.class, code);
    }

    /** The code, so that text built from a value reads as it did when values were strings. */
    @Override
    public String toString() {
        return code;
    }
}
