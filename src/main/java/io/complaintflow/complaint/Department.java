package io.complaintflow.complaint;

public enum Department implements Coded {
    QUALITY("quality", "质量部"),
    AFTER_SALES("after-sales", "售后服务部"),
    BILLING("billing", "账务部"),
    LOGISTICS("logistics", "物流部"),
    SALES("sales", "销售部"),
    TECH("tech", "技术部"),
    LEGAL("legal", "法务部"),
    PR("pr", "公关部");

    private final String code;
    private final String label;

    Department(String code, String label) {
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
