package io.complaintflow.formguard;

import java.util.List;

/**
 * A rule about who may complete a task beyond what its form says (separation of duties, for instance), checked
 * with the form before any listener runs. Returns one line per problem ("field: why"); empty when fine.
 */
public interface SubmissionRule {

    List<String> check(TaskSubmission submission);
}
