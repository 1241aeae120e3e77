package io.complaintflow.surge;

/** Key and variable names of the surge-response model, shared by code, model and forms. */
public final class SurgeProcess {

    public static final String KEY = "surge-response";

    public static final String ACTIVATION_ID = "surgeActivationId";
    public static final String TRIGGER = "trigger";
    public static final String LEVEL = "level";
    public static final String CALLED_LEVEL = "calledLevel";
    public static final String COORDINATED_LEVEL = "coordinatedLevel";
    public static final String REASON = "reason";
    public static final String HOLD_UNTIL = "holdUntil";
    public static final String WINDOW_COUNT = "windowCount";
    public static final String BASELINE = "baseline";
    public static final String CALM_SINCE = "calmSince";
    public static final String TREND = "surgeTrend";
    public static final String SUMMARY = "surgeSummary";
    public static final String INITIATOR = "initiator";

    private SurgeProcess() {
    }
}
