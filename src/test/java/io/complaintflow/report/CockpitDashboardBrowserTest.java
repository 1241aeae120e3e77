package io.complaintflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.Browser;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A manager logs into Cockpit and finds the ComplaintFlow dashboard with today's figures. */
@ComplaintFlowTest
@org.junit.jupiter.api.Order(3) // early, while few other tests' complaints are overdue ahead of this one
class CockpitDashboardBrowserTest {

    private static final String HOSTILE = "<script>window.hacked=1</script>包裹";

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;


    @Test
    void aManagerSeesTheDashboardWithFiguresInCockpit() throws Exception {
        scenarios.person("test-admin", "admin-secret", "camunda-admin"); // without an admin the webapps show their setup page
        scenarios.person("dashboard-manager", "manager-secret", "complaint-managers");
        scenarios.routine("delivery");
        // a complaint long overdue, its subject a script: in the dashboard's overdue list (earliest first, 20 rows),
        // shown as text. August 2025: after ReportFiguresTest's June, whose backlog must not see it.
        ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.parse("2025-08-01T02:00:00Z")));
        String overdue;
        try {
            overdue = scenarios.file(TestScenarios.request("hotline", "delivery", HOSTILE, "包裹丢失"));
        } finally {
            ClockUtil.reset();
        }
        try (Browser browser = Browser.open(port)) {
            browser.login("cockpit", "dashboard-manager", "manager-secret");
            WebElement kpis = browser.waitFor(Duration.ofSeconds(30),
                    d -> d.findElements(By.cssSelector(".complaintflow-dashboard .cf-kpis")).stream().findFirst()
                            .orElse(null));
            Matcher received = Pattern.compile("受理 (\\d+) 件").matcher(kpis.getText());
            assertThat(received.find()).as(kpis.getText()).isTrue();
            assertThat(Integer.parseInt(received.group(1))).isPositive();
            browser.waitFor(Duration.ofSeconds(30), d -> d.findElements(
                    By.cssSelector(".complaintflow-dashboard .cf-chart canvas")).size() >= 3 ? true : null);
            assertThat(((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "return document.querySelector('.ctn-view.dashboard').firstElementChild.className"))
                    .as("the dashboard comes first on Cockpit's start page").isEqualTo("complaintflow-dashboard");
            browser.screenshot("cockpit-dashboard");
            assertThat(browser.driver().findElement(By.cssSelector(".complaintflow-dashboard")).getText())
                    .contains("各部门按时率", "瓶颈环节", "超时未结", "部门考核");
            String row = browser.waitFor(Duration.ofSeconds(30), d -> d.findElements(
                            By.cssSelector(".complaintflow-dashboard tr")).stream()
                    .filter(tr -> tr.getText().contains(overdue)).findFirst().map(WebElement::getText).orElse(null));
            assertThat(row).as("the customer's script is shown as text").contains(HOSTILE);
            assertThat(((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("return window.hacked === undefined")).isEqualTo(true);
        }
    }
}
