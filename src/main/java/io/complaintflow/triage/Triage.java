package io.complaintflow.triage;

import java.util.List;

/** The outcome of grading and routing; {@code departments} lists the lead first. */
public record Triage(String category, String grade, List<String> departments) {
}
