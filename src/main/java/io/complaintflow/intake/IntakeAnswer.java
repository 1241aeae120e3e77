package io.complaintflow.intake;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.complaintflow.assist.Suggestion;
import io.complaintflow.complaint.ComplaintView;

/** The intake API's body: the complaint's fields, plus {@code suggestion}. */
public record IntakeAnswer(@JsonUnwrapped ComplaintView complaint, Suggestion suggestion) {
}
