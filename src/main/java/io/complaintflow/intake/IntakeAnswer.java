package io.complaintflow.intake;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.complaintflow.assist.Suggestion;
import io.complaintflow.complaint.ComplaintView;
import java.util.ArrayList;
import java.util.List;

/**
 * The intake API's body: the complaint's fields as stored when it was answered, plus {@code suggestion}; {@code
 * pending} names what the steps after intake's asynchronous boundary have not decided yet ({@code grade},
 * {@code departments}, {@code deadlines} — the first tasks come with them), {@code statusUrl} where to see them once
 * they are.
 */
public record IntakeAnswer(@JsonUnwrapped ComplaintView complaint, Suggestion suggestion, List<String> pending,
                           String statusUrl) {

    public static IntakeAnswer of(IntakeResult result) {
        ComplaintView c = result.complaint();
        List<String> pending = new ArrayList<>();
        if (c.grade() == null) {
            pending.add("grade");
        }
        if (c.departments().isEmpty() && !c.resolvedAtIntake()) {
            pending.add("departments");
        }
        if (c.deadlines().isEmpty()) {
            pending.add("deadlines");
        }
        return new IntakeAnswer(c, result.suggestion(), List.copyOf(pending), statusUrl(c.caseNumber()));
    }

    public static String statusUrl(String caseNumber) {
        return "/api/complaints/" + caseNumber;
    }
}
