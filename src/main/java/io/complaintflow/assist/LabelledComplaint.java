package io.complaintflow.assist;

/** A closed complaint as the classifier learns from it: its words and what the humans decided. */
public record LabelledComplaint(String caseNumber, String subject, String description, String category,
                                String department, String grade, String resolution) {

    public String text() {
        return (subject == null ? "" : subject) + "\n" + (description == null ? "" : description);
    }
}
