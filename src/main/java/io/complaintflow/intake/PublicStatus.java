package io.complaintflow.intake;

import io.complaintflow.complaint.ComplaintStatus;
import java.time.Instant;
import java.util.List;

/** The customer's view of a case: progress only, personal data masked, nothing internal. */
public record PublicStatus(String caseNumber, ComplaintStatus status, String statusLabel, String category, String name,
                           String phone, Instant receivedAt, Instant expectedBy, Instant closedAt,
                           List<Step> progress) {

    public record Step(Instant at, String text) {
    }
}
