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

/**
 * The center's triage review shows the text assistant's suggestion and the safety words found next to the
 * complaint, in Tasklist.
 */
@ComplaintFlowTest
class TriageSuggestionBrowserTest {

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;

    @Test
    void theCenterSeesTheSuggestedCategoryAndTheSafetyWordsInTheTriageReviewForm() throws Exception {
        scenarios.person("test-admin", "admin-secret", "camunda-admin"); // without an admin the webapps show their setup page
        ComplaintRequest request = TestScenarios.request("hotline", null, "快递员扔箱子",
                "快递员送货的时候把箱子从三轮车上直接扔下来，砸到我儿子的脚，脚背肿了一大块，快递员电话也打不通");
        String caseNumber = scenarios.file(request);
        assertThat(scenarios.openTasks(caseNumber)).extracting(Task::getTaskDefinitionKey)
                .as("no category chosen: the center reviews it").contains("Task_ReviewTriage");

        try (Browser browser = Browser.open(port)) {
            browser.login("tasklist", "center", "demo");
            TasklistPage tasklist = new TasklistPage(browser).openFilter("投诉中心待办").openTaskOf(caseNumber);
            String suggestion = tasklist.field("assistSuggestion");
            browser.screenshot("tasklist-triage-suggestion");
            assertThat(suggestion).contains("建议类别：").contains("置信度")
                    .contains("人身安全信号：人身伤害：").contains("脚").contains("涉及：儿子");
            assertThat(tasklist.openTab("案卷").caseFileField("caseNumber")).isEqualTo(caseNumber);
        }
    }
}
