package io.complaintflow.complaint;

/** What the handler recorded when the complaint closed (PDCA): its root cause, who was responsible, preventable. */
public record Closure(String rootCause, String responsibleDepartment, Boolean preventable) {
}
