package io.complaintflow.resolution;

/** What the handler records when a complaint is closed: the root cause, the responsible department, preventable. */
public record ClosureCause(String rootCause, String responsibleDepartment, boolean preventable) {

    public static final String ROOT_CAUSE = "closureRootCause";
    public static final String DEPARTMENT = "responsibleDepartment";
    public static final String PREVENTABLE = "preventable";
}
