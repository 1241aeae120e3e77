package io.complaintflow.intake;

import io.complaintflow.complaint.ComplaintView;

/** What intake did: a new complaint, or the one this channel had already sent under the same reference. */
public record IntakeResult(ComplaintView complaint, boolean created) {
}
