package io.complaintflow.complaint;

public enum Regulator implements Coded {
    R12315("12315", "市场监管（12315）"),
    NFRA("nfra", "金融监管总局"),
    MIIT("miit", "工业和信息化部"),
    CONSUMER_ASSOCIATION("consumer-association", "消费者协会"),
    OTHER("other", "其他监管机构");

    private final String code;
    private final String label;

    Regulator(String code, String label) {
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
