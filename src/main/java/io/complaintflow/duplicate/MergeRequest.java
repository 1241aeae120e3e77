package io.complaintflow.duplicate;

/** Body of {@code POST /api/complaints/{caseNumber}/merge}: the complaint it duplicates and why. */
public record MergeRequest(String intoCaseNumber, String reason) {
}
