package io.complaintflow.resolution;

import io.complaintflow.formguard.SubmissionRule;
import io.complaintflow.formguard.TaskSubmission;
import java.util.List;
import org.springframework.stereotype.Component;

/** The person who proposed a compensation never approves it: a second person always does. */
@Component
public class SeparationOfDuties implements SubmissionRule {

    static final String APPROVE_COMPENSATION = "Task_ApproveCompensation";

    private final CompensationProposals proposals;

    public SeparationOfDuties(CompensationProposals proposals) {
        this.proposals = proposals;
    }

    @Override
    public List<String> check(TaskSubmission submission) {
        if (!APPROVE_COMPENSATION.equals(submission.taskDefinitionKey()) || submission.caseNumber() == null) {
            return List.of();
        }
        return proposals.proposer(submission.caseNumber())
                .filter(proposer -> proposer.equals(submission.userId()))
                .map(proposer -> List.of("compensationDecision（审批意见）：补偿由您本人提出，须由另一位有权限的人审批（职责分离）"))
                .orElse(List.of());
    }
}
