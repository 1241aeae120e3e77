package io.complaintflow.complaint;

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

    @Override
    public String code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }
}
