package io.complaintflow.triage;

import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Grade;
import java.util.List;

/** The outcome of grading and routing; {@code departments} lists the lead first. */
public record Triage(Category category, Grade grade, List<String> departments) {
}
