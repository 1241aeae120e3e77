package io.complaintflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.Browser;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A handler's browser, whatever its own language, gets Tasklist in Chinese — on the login page and after. */
@ComplaintFlowTest
class ChineseWebappBrowserTest {

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;

    @Test
    void theLoginPageAndTasklistSpeakChinese() throws Exception {
        scenarios.person("test-admin", "admin-secret", "camunda-admin"); // without an admin the webapps show their setup page
        scenarios.person("zh-center", "center-secret", "complaint-center");
        try (Browser browser = Browser.open(port)) {
            browser.driver().get("http://localhost:" + port + "/camunda/app/tasklist/default/");
            String login = browser.waitFor(Duration.ofSeconds(20), d -> {
                StringBuilder text = new StringBuilder(d.findElement(By.tagName("body")).getText());
                d.findElements(By.cssSelector("input[placeholder]"))
                        .forEach(i -> text.append(' ').append(i.getAttribute("placeholder")));
                return text.indexOf("用户名") >= 0 && text.indexOf("登录") >= 0 ? text.toString() : null;
            });
            assertThat(login).contains("用户名", "密码", "登录").doesNotContain("Username", "Sign in");
            browser.screenshot("tasklist-login-zh");

            browser.login("tasklist", "zh-center", "center-secret");
            String tasklist = browser.waitFor(Duration.ofSeconds(20), d -> {
                String text = d.findElement(By.tagName("body")).getText();
                return text.contains("投诉中心待办") ? text : null;
            });
            assertThat(tasklist).contains("任务列表", "日期和时间的显示时区", "Asia/Shanghai")
                    .doesNotContain("Create task", "Start process", "It is time to migrate");
            browser.screenshot("tasklist-zh");
        }
    }

}
