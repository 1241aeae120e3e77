package io.complaintflow.assist;

/**
 * A closed complaint as the classifier learns from it: its words and what the humans decided. {@code customerName}
 * (null for seed data) lets the similar-complaints text hide the name wherever subject or answer repeat it.
 */
public record LabelledComplaint(String caseNumber, String subject, String description, String category,
                                String department, String grade, String resolution, String customerName) {

    public LabelledComplaint(String caseNumber, String subject, String description, String category,
                             String department, String grade, String resolution) {
        this(caseNumber, subject, description, category, department, grade, resolution, null);
    }

    public String text() {
        return (subject == null ? "" : subject) + "\n" + (description == null ? "" : description);
    }
}
