package io.complaintflow.safety;

import java.util.List;

/** The kinds of entries in the safety lexicon. */
public final class SafetyKind {

    /** A personal injury or its symptoms, on its own (烫伤, 骨折, 上吐下泻). */
    public static final String HARM = "harm";
    /** A hazard, on its own (冒烟, 漏电, 爆燃, 燃气味). */
    public static final String HAZARD = "hazard";
    /** Medical attention, on its own (送医, 急诊, 缝针). */
    public static final String MEDICAL = "medical";
    /** What hurts, when a body part or a vulnerable person is near it (烫, 划, 夹, 砸, 电). */
    public static final String HARM_VERB = "harm-verb";
    /** What shows on a body, when a body part is near it (红, 肿, 破, 青). */
    public static final String BODY_SIGN = "body-sign";
    public static final String BODY = "body";
    /** Children, the elderly, pregnancy: shown with a signal, and a signal with a harm verb near them. */
    public static final String VULNERABLE = "vulnerable";
    /** Swallowing, eating, putting in the mouth (with a small part or foreign object: a signal). */
    public static final String INGEST = "ingest";
    public static final String FOREIGN_OBJECT = "foreign-object";
    /** 差点, 险些, 幸亏 — a near miss, with a harm verb near it. */
    public static final String NEAR_MISS = "near-miss";
    /** Harmless phrases masked before anything matches (火锅, 手机, 气炸了). */
    public static final String EXCLUDE = "exclude";

    public static final List<String> ALL = List.of(HARM, HAZARD, MEDICAL, HARM_VERB, BODY_SIGN, BODY, VULNERABLE, INGEST,
            FOREIGN_OBJECT, NEAR_MISS, EXCLUDE);

    private SafetyKind() {
    }

    public static boolean known(String kind) {
        return ALL.contains(kind);
    }

    public static String label(String kind) {
        return switch (kind) {
            case HARM -> "人身伤害";
            case HAZARD -> "安全隐患";
            case MEDICAL -> "就医";
            case HARM_VERB -> "伤害动作";
            case BODY_SIGN -> "伤情";
            case BODY -> "身体部位";
            case VULNERABLE -> "儿童/老人/孕妇";
            case INGEST -> "误食/吞咽";
            case FOREIGN_OBJECT -> "异物/小零件";
            case NEAR_MISS -> "险情";
            case EXCLUDE -> "无害用语";
            default -> kind;
        };
    }
}
