package io.complaintflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.Browser;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TasklistPage;
import io.complaintflow.TestScenarios;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.security.DemoUsers;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Handlers in Tasklist, in a real browser: a quality handler reads the complaint in the 案卷 tab and works it through
 * the department form, the complaint center sees the proposal in the live timeline, answers and closes it. A script
 * tag typed by the customer stays text all the way.
 */
@ComplaintFlowTest
class TasklistBrowserTest {

    private static final String HOSTILE = "<script>window.hacked=1</script>内胆脱落";

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aDepartmentHandlerAndTheCenterCarryAComplaintToClosureInTasklist() throws Exception {
        scenarios.person("test-admin", "admin-secret", "camunda-admin"); // without an admin the webapps show their setup page
        String customer = "浏览器客户" + TestScenarios.uniquePhone().substring(7);
        String quality = scenarios.file(new ComplaintRequest("hotline", null, null, null,
                new CustomerRequest(customer, TestScenarios.uniquePhone(), null, null, false), "product-quality",
                "电饭煲", HOSTILE, "用了一周涂层脱落", null, null, false, null));
        String billing = scenarios.routine("billing");

        // the demo profile's department handler (password demo)
        try (Browser browser = Browser.open(port)) {
            browser.login("tasklist", "quality", DemoUsers.PASSWORD);
            TasklistPage tasklist = new TasklistPage(browser).openFilter("本部门待办").searchCase(quality);
            assertThat(tasklist.taskNames()).isNotEmpty().allMatch(n -> n.equals("处理投诉（质量部）"));
            // which complaint the task is about, in the list: its subject, read from the record (the engine keeps
            // none), as text
            assertThat(tasklist.taskSubjects()).containsExactly(HOSTILE);
            // the columns in words, not the codes the task carries
            browser.waitFor(Duration.ofSeconds(10), d -> tasklist.taskColumnValues().contains("产品质量") ? true : null);
            assertThat(tasklist.taskColumnValues()).contains(quality, "产品质量", "热线")
                    .doesNotContain("product-quality", "hotline");
            assertNoScriptRan(browser);
            browser.screenshot("tasklist-list-subject");
            tasklist.openTaskOf(quality).claimAtOption("提出处理方案");

            // the case file beside the task: read from the record under the handler's own login
            tasklist.openTab("案卷");
            assertThat(tasklist.caseFile()).contains(quality).contains("经热线渠道受理投诉").contains("分派至质量部处理");
            assertThat(tasklist.caseFileField("subject")).isEqualTo(HOSTILE);
            // a department sees the customer masked (docs/privacy.md), and the read is in the access log
            assertThat(tasklist.caseFileField("customer")).contains(customer.substring(0, 1) + "*")
                    .doesNotContain(customer);
            assertThat(jdbc.sql("select count(*) from privacy_access_log where case_number = ? and user_id = 'quality'"
                    + " and door = 'CASE_VIEW'").param(quality).query(Long.class).single()).isPositive();
            assertThat(tasklist.caseFileField("category")).isEqualTo("产品质量");
            // what the department's form referred to, read when the tab opens (the part holds no copy, issue #19)
            assertThat(tasklist.caseFileField("answerScript")).isNotBlank();
            assertThat(tasklist.caseFileField("similarComplaints")).isNotBlank();
            assertNoScriptRan(browser);
            browser.screenshot("tasklist-case-file-quality");

            tasklist.openTab("表单").claimAtOption("提出处理方案");
            browser.screenshot("tasklist-department-task");
            // the form's own check, before anything was chosen: in Chinese under the field, not form-js's English
            tasklist.complete();
            assertThat(tasklist.fieldCheckMessages()).containsExactly("此项为必填项。");
            browser.screenshot("tasklist-field-check");
            tasklist.dismissNotifications();
            // form-js's English placeholder of an empty select reads 请选择 (webapp.js)
            tasklist.pick("提出处理方案");
            assertThat(tasklist.selectPlaceholder("原因分类")).isEqualTo("请选择");
            // a proposal of blanks passes the form's own check; the server refuses it, naming the field, and keeps
            // the task as it was
            tasklist.type("proposal", "   ").select("原因分类", "生产质量").complete();
            assertThat(tasklist.errorNotification()).contains("处理方案").doesNotContain("Cannot submit");
            assertThat(scenarios.departmentTask(quality, "quality")).as("still quality's to do").isNotNull();
            assertThat(scenarios.timelineKinds(quality)).doesNotContain("PROPOSED");
            tasklist.clear("proposal").type("proposal", "免费更换内胆").complete();
            browser.waitFor(Duration.ofSeconds(40), d -> scenarios.complaint(quality).resolution() == null
                    && !scenarios.openTasks(quality).isEmpty()
                    && scenarios.openTasks(quality).get(0).getTaskDefinitionKey().equals("Task_AnswerCustomer"));
            assertThat(scenarios.timelineKinds(quality)).contains("PROPOSED");
            assertThat(scenarios.departmentTask(billing, "billing")).as("billing's task untouched").isNotNull();
        }

        try (Browser browser = Browser.open(port)) {
            browser.login("tasklist", "center", DemoUsers.PASSWORD);
            TasklistPage tasklist = new TasklistPage(browser).openFilter("投诉中心待办");
            tasklist.openTaskOf(quality).claim("answer");
            assertThat(tasklist.field("answer")).contains("【质量部】免费更换内胆");

            // the timeline is live: the department's proposal is there without anything copied into the process
            tasklist.openTab("案卷");
            assertThat(tasklist.caseFile()).contains("质量部提出处理方案").contains("免费更换内胆");
            assertThat(tasklist.caseFileField("departments")).contains("质量部").contains("免费更换内胆");
            assertThat(tasklist.caseFileField("customer")).as("the center sees it in full").contains(customer);
            assertThat(tasklist.caseFileField("subject")).isEqualTo(HOSTILE);
            // what the center's forms referred to as well, read when the tab opens (no copy in the lifecycle, #19)
            assertThat(tasklist.caseFileField("answerScript")).isNotBlank();
            assertThat(tasklist.caseFileField("similarComplaints")).isNotBlank();
            assertNoScriptRan(browser);
            browser.screenshot("tasklist-case-file-center");
            tasklist.openTab("表单").field("answer");
            // a complaint of no mass incident: neither the incident's field nor the box for its shared answer
            assertThat(browser.driver().findElements(By.cssSelector(".fjs-form-field label")).stream()
                    .filter(WebElement::isDisplayed).map(WebElement::getText)).contains("补偿金额（元）")
                    .noneMatch(label -> label.contains("群体事件"));
            browser.screenshot("tasklist-center-answer");
            tasklist.complete();
            browser.waitFor(Duration.ofSeconds(40), d -> !scenarios.openTasks(quality).isEmpty()
                    && scenarios.openTasks(quality).get(0).getTaskDefinitionKey().equals("Task_ConfirmWithCustomer"));

            tasklist.openTaskOf(quality).claim("customerWords");
            // closing needs the root cause (options from the taxonomy), the responsible department, preventable
            tasklist.pick("接受").select("根本原因", "流程缺陷").select("责任部门", "质量部").pick("是");
            browser.screenshot("tasklist-closure-root-cause");
            tasklist.complete();
            browser.waitFor(Duration.ofSeconds(40), d -> scenarios.complaint(quality).status() == ComplaintStatus.CLOSED);
        }
        assertThat(scenarios.complaint(quality).status()).isEqualTo(ComplaintStatus.CLOSED);
        assertThat(scenarios.complaint(quality).resolution()).contains("免费更换内胆");
    }

    private static void assertNoScriptRan(Browser browser) {
        assertThat(((JavascriptExecutor) browser.driver()).executeScript(
                "return window.hacked === undefined"
                        + " && document.querySelectorAll('.cf-casefile script, .cf-task-subject script').length === 0"))
                .as("the customer's <script> stays text").isEqualTo(true);
    }
}
