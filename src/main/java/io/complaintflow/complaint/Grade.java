package io.complaintflow.complaint;

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

    @Override
    public String code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }
}
