package io.complaintflow.crisis;

/** Key and variable names of the crisis-response model, shared by code, model and forms. */
public final class CrisisProcess {

    public static final String KEY = "crisis-response";

    public static final String CRISIS_ID = "crisisId";
    public static final String SOURCE = "crisisSource";
    public static final String TITLE = "crisisTitle";
    public static final String DESCRIPTION = "crisisDescription";
    public static final String CASE_NUMBER = "caseNumber";
    public static final String MASS_INCIDENT_ID = "massIncidentId";
    public static final String COMMAND_LEVEL = "commandLevel";
    public static final String COMMAND_GROUPS = "commandGroups";
    public static final String ACKNOWLEDGE_DUE_AT = "acknowledgeDueAt";
    public static final String COMMANDER = "commander";
    public static final String HAS_CUSTOMER = "hasCustomer";
    public static final String SUMMARY = "crisisSummary";
    public static final String LEGAL_VERDICT = "legalVerdict";
    public static final String APPROVAL_VERDICT = "approvalVerdict";
    public static final String INITIATOR = "initiator";

    private CrisisProcess() {
    }
}
