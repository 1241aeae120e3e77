package io.complaintflow.assist;

import java.util.List;

/** The topics of sensitive words, as complaint-grading reads them (input {@code sensitiveTopic}). */
public final class SensitiveTopic {

    public static final String MEDIA = "media";
    public static final String LAWSUIT = "lawsuit";
    public static final String MASS = "mass";
    public static final String REGULATOR = "regulator";
    public static final String SAFETY = "safety";
    public static final String NONE = "none";

    /** Most serious first: when a text has words of several topics, the first one found in this order counts. */
    public static final List<String> BY_SEVERITY = List.of(MEDIA, LAWSUIT, MASS, REGULATOR, SAFETY);

    private SensitiveTopic() {
    }

    public static boolean known(String topic) {
        return BY_SEVERITY.contains(topic);
    }

    public static String label(String topic) {
        return switch (topic) {
            case MEDIA -> "媒体曝光";
            case LAWSUIT -> "诉讼";
            case MASS -> "群体事件";
            case REGULATOR -> "监管投诉";
            case SAFETY -> "人身安全";
            default -> "无";
        };
    }
}
