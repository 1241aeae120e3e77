package io.complaintflow.complaint;

public enum Channel implements Coded {
    HOTLINE("hotline", "热线"),
    WECHAT("wechat", "微信"),
    WEB("web", "网站"),
    EMAIL("email", "邮件"),
    APP("app", "APP"),
    STORE("store", "门店"),
    INTERNAL("internal", "内部转办"),
    REGULATOR("regulator", "监管转办"),
    MEDIA("media", "媒体");

    private final String code;
    private final String label;

    Channel(String code, String label) {
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
