package io.complaintflow.complaint;

/** Keys and variable names of the lifecycle models, shared by code, models and forms. */
public final class ComplaintProcess {

    public static final String KEY = "complaint-handling";
    public static final String DEPARTMENT_KEY = "department-handling";

    public static final String CASE_NUMBER = "caseNumber";
    public static final String CHANNEL = "channel";
    public static final String REGULATOR = "regulator";
    public static final String CATEGORY = "category";
    public static final String GRADE = "grade";
    public static final String VIP = "vip";
    public static final String REPEAT_COUNT = "repeatCount";
    public static final String AMOUNT_CLAIMED = "amountClaimed";
    public static final String COMPLAINT_TEXT = "complaintText";
    public static final String RESOLVED_AT_INTAKE = "resolvedAtIntake";
    public static final String REVIEW_REQUIRED = "reviewRequired";
    public static final String DEPARTMENTS = "departments";
    public static final String LEAD_DEPARTMENT = "leadDepartment";
    public static final String DEPARTMENT = "department";
    public static final String ANY_TRANSFERRED = "anyTransferred";
    public static final String ANSWER = "answer";
    public static final String CUSTOMER_DECISION = "customerDecision";
    public static final String CUSTOMER_WORDS = "customerWords";
    public static final String REJECTION_COUNT = "rejectionCount";
    public static final String MANAGER_DECISION = "managerDecision";
    public static final String CALLBACK_WAIT = "callbackWait";
    public static final String SATISFIED = "satisfied";

    private ComplaintProcess() {
    }
}
