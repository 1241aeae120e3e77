package io.complaintflow.mailbox;

import java.util.Map;

/** What became of one mail; a mail with problems is also on the complaint center's "needs a person" list. */
public record Handled(Outcome outcome, String caseNumber, Map<Problem, String> problems) {

    public enum Outcome {
        /** a new complaint of channel email */
        COMPLAINT,
        /** the complaint this mail had already become (read before under the same reference) */
        EXISTING,
        /** the customer's reply, on the complaint's timeline */
        REPLY,
        /** an out-of-office or other automatic answer: on no timeline */
        AUTO_REPLY,
        /** a delivery report: the customer's address marked unreachable on the complaint */
        BOUNCE,
        /** nothing done by itself: only on the "needs a person" list */
        REVIEW,
        /** taken before (a re-read after a crash, another node): only flagged now */
        ALREADY_HANDLED
    }

    public boolean needsPerson() {
        return !problems.isEmpty();
    }
}
