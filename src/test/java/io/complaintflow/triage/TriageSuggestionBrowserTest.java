package io.complaintflow.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.Browser;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TasklistPage;
import io.complaintflow.TestScenarios;
import io.complaintflow.intake.ComplaintRequest;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The center's triage review shows the text assistant's suggestion next to the complaint, in Tasklist. */
@ComplaintFlowTest
class TriageSuggestionBrowserTest {

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;

    @Test
    void theCenterSeesTheSuggestedCategoryInTheTriageReviewForm() throws Exception {
        scenarios.person("test-admin", "admin-secret", "camunda-admin"); // without an admin the webapps show their setup page
        ComplaintRequest request = TestScenarios.request("hotline", null, "快递一直不到",
                "快递显示已签收但是我没有收到包裹，物流信息三天没有更新，快递员电话也打不通");
        String caseNumber = scenarios.file(request);
        assertThat(scenarios.openTasks(caseNumber)).extracting(Task::getTaskDefinitionKey)
                .as("no category chosen: the center reviews it").contains("Task_ReviewTriage");

        try (Browser browser = Browser.open(port)) {
            browser.login("tasklist", "center", "demo");
            TasklistPage tasklist = new TasklistPage(browser).openFilter("投诉中心待办").openTaskOf(caseNumber);
            String suggestion = tasklist.field("assistSuggestion");
            browser.screenshot("tasklist-triage-suggestion");
            assertThat(suggestion).contains("物流配送").contains("置信度");
            assertThat(tasklist.field("complaintSummary")).contains(caseNumber);
        }
    }
}
