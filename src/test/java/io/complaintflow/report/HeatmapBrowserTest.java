package io.complaintflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.Browser;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.security.DemoUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The manager opens complaint-handling in Cockpit, picks the fortnight in which this test filed and moved five
 * complaints (June 2015: before every other test's data), and finds their figures on the diagram: two waiting at
 * the departments (one of them escalated), three waiting for the customer; a click lists them. Then the path of a
 * complaint, running and finished. A department's handler gets neither the figures nor Cockpit.
 */
@ComplaintFlowTest
class HeatmapBrowserTest {

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired HeatmapService heatmap;

    @Test
    void aManagerSeesTheHeatOfTheComplaintsOnTheDiagramAndTheirPaths() throws Exception {
        scenarios.person("test-admin", "admin-secret", "camunda-admin"); // without an admin the webapps show their setup page
        HeatmapFixtures fixtures = new HeatmapFixtures(scenarios, management, runtime);
        HeatmapFixtures.Filed filed;
        try {
            filed = fixtures.fortnight("2015-06-01");
        } finally {
            ClockUtil.reset();
        }
        String lifecycle = repository.createProcessDefinitionQuery().processDefinitionKey("complaint-handling")
                .latestVersion().singleResult().getId();
        String departments = repository.createProcessDefinitionQuery().processDefinitionKey("department-handling")
                .latestVersion().singleResult().getId();
        try (Browser browser = Browser.open(port)) {
            browser.login("cockpit", "manager", DemoUsers.PASSWORD);
            CockpitHeatmapPage page = new CockpitHeatmapPage(browser, port).openDefinition(lifecycle)
                    .period("2015-06-01", "2015-06-12");
            // C (escalated at its deadline, overdue) and D (within its deadline) wait at the departments
            WebElement atDepartments = page.overlayShowing("Activity_DepartmentHandling", "data-waiting", "2");
            assertThat(atDepartments.getAttribute("data-escalated")).isEqualTo("1");
            assertThat(atDepartments.getAttribute("data-completed")).isEqualTo("3");
            assertThat(Integer.parseInt(atDepartments.getAttribute("data-overdue"))).isBetween(1, 2);
            // A, B and E wait for the customer's confirmation; their answers took 20 h, 2 h and 23 h
            WebElement confirming = page.overlayShowing("Task_ConfirmWithCustomer", "data-waiting", "3");
            assertThat(confirming.getAttribute("data-overdue")).isNotNull();
            WebElement answering = page.overlayShowing("Task_AnswerCustomer", "data-median-hours", "20");
            assertThat(answering.getAttribute("data-p90-hours")).isEqualTo("23");
            assertThat(page.shapesUnderToolbar()).as("the fitted diagram starts below the heat toolbar").isEmpty();
            assertThat(page.overlays()).as("an overlay on every activity").hasSizeGreaterThan(10)
                    .allSatisfy(o -> assertThat(o.getAttribute("class")).contains("cf-heatmap"));
            page.choose("figure", "escalated");
            atDepartments = page.overlayShowing("Activity_DepartmentHandling", "data-escalated", "1");
            // counted in complaints, and it says so: Cockpit's own badges on the same diagram count instances
            assertThat(atDepartments.findElement(By.cssSelector(".cf-heatmap-value")).getText()).isEqualTo("1 件");
            assertThat(browser.driver().findElement(By.cssSelector(".cf-heatmap-toolbar")).getText())
                    .contains("投诉热力（按投诉件数）", "件投诉", "与 Cockpit 的实例数不同");
            page.maximizeDiagram();
            browser.screenshot("cockpit-heatmap");

            List<WebElement> rows = page.click(atDepartments, 2);
            assertThat(rows.get(0).getAttribute("data-case-number")).isEqualTo(filed.c());
            assertThat(rows.get(0).getText()).contains("G1", "质量部", "超时", "曾升级");
            assertThat(rows.get(1).getAttribute("data-case-number")).isEqualTo(filed.d());
            assertThat(rows.get(1).getText()).contains("账务部");
            String instanceLink = rows.get(0).findElement(By.cssSelector("a")).getAttribute("href");
            assertThat(instanceLink).contains("#/process-instance/");
            browser.screenshot("cockpit-heatmap-list");

            // the filter applies to the whole view: billing leaves only D
            page.choose("department", "billing");
            page.overlayShowing("Activity_DepartmentHandling", "data-waiting", "1");
            page.overlayShowing("Task_ConfirmWithCustomer", "data-waiting", "0");

            // a running complaint's path on its instance page: the department step is open and was escalated
            browser.driver().get(instanceLink);
            WebElement step = browser.waitFor(Duration.ofSeconds(40), d -> d.findElements(
                    By.cssSelector(".cf-path[data-activity='Activity_DepartmentHandling']")).stream().findFirst()
                    .orElse(null));
            assertThat(step.getAttribute("data-escalations")).isNotEqualTo("0");
            browser.screenshot("cockpit-path-running");

            // a finished instance (A's department part), which Cockpit CE does not show at all
            String finished = heatmap.path(heatmap.mainInstance(filed.a(), "complaint-handling").orElseThrow())
                    .orElseThrow().called().stream()
                .filter(call -> call.processDefinitionKey().equals("department-handling")).findFirst().orElseThrow()
                .processInstanceId();
            browser.driver().get("http://localhost:" + port + "/camunda/app/cockpit/default/#/process-definition/"
                    + departments + "/runtime?cfPath=" + finished);
            WebElement handled = browser.waitFor(Duration.ofSeconds(40), d -> d.findElements(
                    By.cssSelector(".cf-path[data-activity='Task_HandleComplaint']")).stream().findFirst()
                    .orElse(null));
            assertThat(handled.getAttribute("data-hours")).isEqualTo("4");
            // the overlays show once the view has settled below the banner (diagram-js hides them while it moves)
            browser.waitFor(Duration.ofSeconds(10), d -> handled.isDisplayed() ? true : null);
            assertThat(browser.driver().findElement(By.cssSelector(".cf-path-banner")).getText())
                    .contains(filed.a(), "结束");
            browser.screenshot("cockpit-path-finished");
        } finally {
            fixtures.closeAll(filed, "2015-06-22T02:00:00Z");
            ClockUtil.reset();
        }
        // a department's handler: no figures, no path, no Cockpit
        assertThat(get("/api/reports/heatmap?process=complaint-handling", "quality")).isEqualTo(403);
        assertThat(get("/api/reports/path?caseNumber=" + filed.c(), "quality")).isEqualTo(403);
        assertThat(get("/api/reports/heatmap?process=complaint-handling", "manager")).isEqualTo(200);
        try (Browser browser = Browser.open(port)) {
            browser.driver().get("http://localhost:" + port + "/camunda/app/cockpit/default/");
            WebElement name = browser.waitFor(Duration.ofSeconds(40), d -> d.findElements(
                    By.cssSelector("input[type=text]")).stream().filter(WebElement::isDisplayed).findFirst()
                    .orElse(null));
            name.sendKeys("quality");
            WebElement secret = browser.driver().findElement(By.cssSelector("input[type=password]"));
            secret.sendKeys(DemoUsers.PASSWORD);
            secret.sendKeys(org.openqa.selenium.Keys.ENTER);
            // Cockpit refuses the login (no access to the application): the form stays, the diagram never comes
            browser.waitFor(Duration.ofSeconds(40), d -> d.getPageSource().contains("403") || !d.findElements(
                    By.cssSelector(".notifications .alert-danger, .alert-danger")).isEmpty() ? true : null);
            assertThat(browser.driver().findElements(By.cssSelector("input[type=password]"))).isNotEmpty();
            assertThat(browser.driver().findElements(By.cssSelector(".cf-heatmap"))).isEmpty();
        }
    }

    private int get(String path, String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
