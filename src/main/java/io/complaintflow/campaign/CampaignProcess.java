package io.complaintflow.campaign;

/** Key and variable names of the campaign-315 model, shared by code, model and forms. */
public final class CampaignProcess {

    public static final String KEY = "campaign-315";

    public static final String YEAR = "campaignYear";
    public static final String ALREADY_RUNNING = "alreadyRunning";
    public static final String SUMMARY = "campaignSummary";
    public static final String BACKLOG = "backlogCases";
    public static final String BACKLOG_CASE = "backlogCase";
    public static final String EXPOSED = "exposed";
    public static final String REPORT_LINK = "reportLink";
    public static final String REPORT_FIGURES = "reportFigures";
    public static final String REPORT_APPROVED = "reportApproved";
    public static final String INITIATOR = "initiator";

    private CampaignProcess() {
    }
}
