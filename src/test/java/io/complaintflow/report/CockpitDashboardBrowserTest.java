package io.complaintflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.Browser;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A manager logs into Cockpit and finds the ComplaintFlow dashboard with today's figures. */
@ComplaintFlowTest
class CockpitDashboardBrowserTest {

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;


    @Test
    void aManagerSeesTheDashboardWithFiguresInCockpit() throws Exception {
        scenarios.person("test-admin", "admin-secret", "camunda-admin"); // without an admin the webapps show their setup page
        scenarios.person("dashboard-manager", "manager-secret", "complaint-managers");
        scenarios.routine("delivery");
        try (Browser browser = Browser.open(port)) {
            browser.login("cockpit", "dashboard-manager", "manager-secret");
            WebElement kpis = browser.waitFor(Duration.ofSeconds(30),
                    d -> d.findElements(By.cssSelector(".complaintflow-dashboard .cf-kpis")).stream().findFirst()
                            .orElse(null));
            browser.screenshot("cockpit-dashboard");
            Matcher received = Pattern.compile("受理 (\\d+) 件").matcher(kpis.getText());
            assertThat(received.find()).as(kpis.getText()).isTrue();
            assertThat(Integer.parseInt(received.group(1))).isPositive();
            assertThat(browser.driver().findElements(By.cssSelector(".complaintflow-dashboard svg rect")))
                    .as("the charts have bars").isNotEmpty();
            assertThat(browser.driver().findElement(By.cssSelector(".complaintflow-dashboard")).getText())
                    .contains("各部门按时率", "瓶颈环节", "超时未结", "部门考核");
        }
    }
}
