package io.complaintflow.engine;

/**
 * The order of the start-up runners: models, then identity, then Tasklist filters. Demo data follows once the node
 * is ready (demo/DemoComplaints).
 */
public final class StartupOrder {

    public static final int DEPLOY = 0;
    public static final int IDENTITY = 10;
    public static final int FILTERS = 20;

    private StartupOrder() {
    }
}
