package io.complaintflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.Browser;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TasklistPage;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.security.DemoUsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A handler's browser, whatever its own language, gets Tasklist in Chinese — on the login page and after — and a
 * manager's gets Cockpit in Chinese, the models' labels included (the pictures of docs/webapps.md).
 */
@ComplaintFlowTest
class ChineseWebappBrowserTest {

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;
    @Autowired RepositoryService repository;

    @Test
    void theLoginPageAndTasklistSpeakChinese() throws Exception {
        scenarios.person("test-admin", "admin-secret", "camunda-admin"); // without an admin the webapps show their setup page
        scenarios.person("zh-center", "center-secret", "complaint-center");
        // no category chosen: the complaint center reviews it (复核定级与分派)
        String caseNumber = scenarios.file(TestScenarios.request("hotline", null, "热水器接口漏水",
                "新装的热水器接口漏水，木地板泡坏了，安装师傅一直不回电话"));
        try (Browser browser = Browser.open(port)) {
            browser.driver().manage().window().setSize(new Dimension(1400, 900)); // the login form, not a blank page
            browser.driver().get("http://localhost:" + port + "/camunda/app/tasklist/default/");
            String login = browser.waitFor(Duration.ofSeconds(20), d -> {
                StringBuilder text = new StringBuilder(d.findElement(By.tagName("body")).getText());
                d.findElements(By.cssSelector("input[placeholder]"))
                        .forEach(i -> text.append(' ').append(i.getAttribute("placeholder")));
                return text.indexOf("用户名") >= 0 && text.indexOf("登录") >= 0 ? text.toString() : null;
            });
            assertThat(login).contains("用户名", "密码", "登录").doesNotContain("Username", "Sign in");
            browser.screenshot("tasklist-login-zh");
            browser.driver().manage().window().setSize(new Dimension(1400, 1800));

            browser.login("tasklist", "zh-center", "center-secret");
            String tasklist = browser.waitFor(Duration.ofSeconds(20), d -> {
                String text = d.findElement(By.tagName("body")).getText();
                return text.contains("投诉中心待办") ? text : null;
            });
            assertThat(tasklist).contains("任务列表", "日期和时间的显示时区", "Asia/Shanghai")
                    .doesNotContain("Create task", "Start process", "It is time to migrate");
            new TasklistPage(browser).openFilter("投诉中心待办").openTaskOf(caseNumber);
            browser.waitFor(Duration.ofSeconds(40), d -> d.findElements(By.cssSelector(".fjs-form .fjs-form-field"))
                    .isEmpty() ? null : true);
            assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("复核定级与分派", "表单",
                    "案卷", "认领");
            browser.screenshot("tasklist-zh");
            // the date picker of the task's 跟进时间: month and day names in Chinese, not AngularJS's English
            browser.driver().findElement(By.partialLinkText("设置跟进时间")).click();
            String picker = browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(
                    By.cssSelector("[uib-datepicker], .uib-datepicker, table.uib-daypicker")).stream()
                    .map(e -> e.getText()).filter(t -> !t.isBlank()).findFirst().orElse(null));
            assertThat(picker).contains("周一", "周日", "月").doesNotContain("Mon", "Sun", "January", "December");
        }
    }

    /** complaint-handling's page in Cockpit: its start up to the answer, the ladder task 时限阶梯 among them. */
    @Test
    void aManagersCockpitSpeaksChineseDownToTheLifecycle() throws Exception {
        scenarios.person("test-admin", "admin-secret", "camunda-admin"); // without an admin the webapps show their setup page
        scenarios.routine("delivery"); // at least one complaint running
        String lifecycle = repository.createProcessDefinitionQuery().processDefinitionKey(ComplaintProcess.KEY)
                .latestVersion().singleResult().getId();
        // the diagram from its start to the answer, large enough to read (Cockpit keeps the view box in the address)
        String viewbox = "{\"Definitions_ComplaintHandling\":{\"x\":140,\"y\":-20,\"width\":2000,\"height\":800}}";
        try (Browser browser = Browser.open(port)) {
            browser.driver().manage().window().setSize(new Dimension(1400, 1000));
            browser.login("cockpit", "manager", DemoUsers.PASSWORD);
            browser.driver().get("http://localhost:" + port + "/camunda/app/cockpit/default/#/process-definition/"
                    + lifecycle + "/runtime?viewbox=" + URLEncoder.encode(viewbox, StandardCharsets.UTF_8));
            String page = browser.waitFor(Duration.ofSeconds(40), d -> {
                String text = d.findElement(By.tagName("body")).getText();
                return text.contains("时限阶梯（首次响应与整体解决）") && text.contains("投诉热力") ? text : null;
            });
            assertThat(page).contains("流程监控", "投诉处理", "定义版本", "运行中的实例", "流程实例", "部门处理",
                    "日期和时间的显示时区", "Asia/Shanghai").doesNotContain("Definition Version", "Running Instances",
                    "It is time to migrate");
            browser.screenshot("cockpit-zh");
        }
    }
}
