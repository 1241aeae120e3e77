package io.complaintflow.complaint;

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

    @Override
    public String code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }
}
