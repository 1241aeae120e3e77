package io.complaintflow.mailbox;

import java.time.Instant;
import java.util.List;

/**
 * A mail the channel took, as the complaint center sees it: what it was, what became of it ({@code outcome}), and —
 * when a person must look at it — why ({@code problems}), its text and whether someone has resolved it.
 */
public record MailRecord(long id, String mailbox, Instant receivedAt, Instant handledAt, String handledBy,
                         String sender, String subject, Integer sizeBytes, String outcome, List<ProblemView> problems,
                         String detail, String caseNumber, String text, String reviewState, String resolvedBy,
                         Instant resolvedAt, String resolution) {

    public record ProblemView(String code, String label) {
    }
}
