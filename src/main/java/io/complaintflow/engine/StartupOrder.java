package io.complaintflow.engine;

/** The order of the start-up runners: models, then identity, then Tasklist filters, then demo data. */
public final class StartupOrder {

    public static final int DEPLOY = 0;
    public static final int IDENTITY = 10;
    public static final int FILTERS = 20;
    public static final int DEMO_DATA = 30;

    private StartupOrder() {
    }
}
