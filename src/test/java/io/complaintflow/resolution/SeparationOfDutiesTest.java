package io.complaintflow.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import io.complaintflow.TestScenarios;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The person who proposes a compensation never approves it. */
@ComplaintFlowTest
class SeparationOfDutiesTest {

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;

    @Test
    void theCenterLeadWhoProposedACompensationCannotApproveItASecondLeadDoes() {
        String caseNumber = scenarios.routine("billing");
        scenarios.propose(caseNumber, "billing", "billing", "退还多收的费用");
        Task answer = scenarios.task(caseNumber, "Task_AnswerCustomer");
        HttpSession lead = new HttpSession(port).basic("center-lead", "demo");
        HttpResponse<String> proposed = lead.postJson("/engine-rest/task/" + answer.getId() + "/submit-form",
                "{\"variables\":{\"answer\":{\"value\":\"退还多收的 1500 元\"},\"compensation\":{\"value\":1500,\"type\":\"Long\"}}}");
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(204);

        Task approval = scenarios.task(caseNumber, "Task_ApproveCompensation");
        String approve = "{\"variables\":{\"compensationDecision\":{\"value\":\"approve\"}}}";
        HttpResponse<String> own = lead.postJson("/engine-rest/task/" + approval.getId() + "/submit-form", approve);
        assertThat(own.statusCode()).isEqualTo(400);
        assertThat(own.body()).contains("职责分离");
        assertThat(scenarios.openTasks(caseNumber)).extracting(Task::getId).contains(approval.getId());

        scenarios.person("center-lead-2", "demo-second-lead", "complaint-center-lead");
        HttpResponse<String> second = new HttpSession(port).basic("center-lead-2", "demo-second-lead")
                .postJson("/engine-rest/task/" + approval.getId() + "/submit-form", approve);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(204);
        assertThat(scenarios.timelineKinds(caseNumber)).contains("APPROVAL");
    }
}
