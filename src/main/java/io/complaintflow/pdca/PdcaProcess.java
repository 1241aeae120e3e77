package io.complaintflow.pdca;

/** Key and variable names of the pdca-review model, shared by code, model and forms. */
public final class PdcaProcess {

    public static final String KEY = "pdca-review";
    /** Actions a plan form holds. */
    public static final int SLOTS = 3;
    static final String CYCLE_ID = "cycleId";
    static final String ACTION_ID = "actionId";

    private PdcaProcess() {
    }
}
