package io.complaintflow.intake;

import io.complaintflow.assist.Suggestion;
import io.complaintflow.complaint.ComplaintView;

/**
 * What intake did: a new complaint, or the one this channel had already sent under the same reference; with the
 * text assistance's advisory suggestion (null for complaints filed before it existed).
 */
public record IntakeResult(ComplaintView complaint, boolean created, Suggestion suggestion) {
}
