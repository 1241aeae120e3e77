package io.complaintflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.Browser;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TasklistPage;
import io.complaintflow.TestScenarios;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Handlers in Tasklist, in a real browser: a quality handler works a complaint through the department form, the
 * complaint center answers and closes it. A script tag typed by the customer stays text all the way.
 */
@ComplaintFlowTest
class TasklistBrowserTest {

    private static final String HOSTILE = "<script>window.hacked=1</script>内胆脱落";

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;

    @Test
    void aDepartmentHandlerAndTheCenterCarryAComplaintToClosureInTasklist() throws Exception {
        scenarios.person("test-admin", "admin-secret", "camunda-admin"); // without an admin the webapps show their setup page
        scenarios.person("ui-quality", "quality-secret", "dept-quality");
        scenarios.person("ui-center", "center-secret", "complaint-center");
        String quality = scenarios.file(new ComplaintRequest("hotline", null, null, null,
                new CustomerRequest("浏览器客户", TestScenarios.uniquePhone(), null, null, false), "product-quality",
                "电饭煲", HOSTILE, "用了一周涂层脱落", null, null, false, null));
        String billing = scenarios.routine("billing");

        try (Browser browser = Browser.open(port)) {
            browser.login("tasklist", "ui-quality", "quality-secret");
            TasklistPage tasklist = new TasklistPage(browser).openFilter("本部门待办").searchCase(quality);
            assertThat(tasklist.taskNames()).isNotEmpty().allMatch(n -> n.equals("处理投诉（质量部）"));
            tasklist.openTaskOf(quality).claim("complaintSummary");
            assertThat(tasklist.field("complaintSummary")).contains(quality).contains(HOSTILE);
            assertThat(tasklist.field("timelineText")).contains("经热线渠道受理投诉");
            assertThat(((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("return window.hacked === undefined")).isEqualTo(true);
            browser.screenshot("tasklist-quality-form");

            tasklist.pick("提出处理方案").type("proposal", "免费更换内胆").select("原因分类", "生产质量").complete();
            browser.waitFor(Duration.ofSeconds(40), d -> scenarios.complaint(quality).resolution() == null
                    && !scenarios.openTasks(quality).isEmpty()
                    && scenarios.openTasks(quality).get(0).getTaskDefinitionKey().equals("Task_AnswerCustomer"));
            assertThat(scenarios.timelineKinds(quality)).contains("PROPOSED");
            assertThat(scenarios.departmentTask(billing, "billing")).as("billing's task untouched").isNotNull();
        }

        try (Browser browser = Browser.open(port)) {
            browser.login("tasklist", "ui-center", "center-secret");
            TasklistPage tasklist = new TasklistPage(browser).openFilter("投诉中心待办");
            tasklist.openTaskOf(quality).claim("complaintSummary");
            assertThat(tasklist.field("answer")).contains("【质量部】免费更换内胆");
            tasklist.complete();
            browser.waitFor(Duration.ofSeconds(40), d -> !scenarios.openTasks(quality).isEmpty()
                    && scenarios.openTasks(quality).get(0).getTaskDefinitionKey().equals("Task_ConfirmWithCustomer"));

            tasklist.openTaskOf(quality).claim("complaintSummary");
            // closing needs the root cause (options from the taxonomy), the responsible department, preventable
            tasklist.pick("接受").select("根本原因", "流程缺陷").select("责任部门", "质量部").pick("是");
            browser.screenshot("tasklist-center-confirm");
            tasklist.complete();
            browser.waitFor(Duration.ofSeconds(40), d -> "CLOSED".equals(scenarios.complaint(quality).status()));
        }
        assertThat(scenarios.complaint(quality).status()).isEqualTo("CLOSED");
        assertThat(scenarios.complaint(quality).resolution()).contains("免费更换内胆");
    }
}
