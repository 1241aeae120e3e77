package io.complaintflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.Browser;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Handlers in Tasklist, in a real browser: a quality handler works a complaint through the department form, the
 * complaint center answers and closes it. A script tag typed by the customer stays text all the way.
 */
@ComplaintFlowTest
@Order(1) // before other classes fill the shared database with tasks that would push this one off the first page
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
            openFilter(browser, "本部门待办");
            List<String> names = taskNames(browser);
            assertThat(names).isNotEmpty().allMatch(n -> n.equals("处理投诉（质量部）"));
            openTaskOf(browser, quality);
            claim(browser);
            String summary = browser.waitFor(Duration.ofSeconds(40),
                    d -> textOf(d, "textarea[id$='Field_complaintSummary']"));
            assertThat(summary).contains(quality).contains(HOSTILE);
            assertThat(textOf(browser.driver(), "textarea[id$='Field_timelineText']")).contains("经热线渠道受理投诉");
            assertThat(((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("return window.hacked === undefined")).isEqualTo(true);
            browser.screenshot("tasklist-quality-form");

            click(browser, ".fjs-form-field-radio label", "提出处理方案");
            browser.driver().findElement(By.cssSelector("textarea[id$='Field_proposal']")).sendKeys("免费更换内胆");
            select(browser, "原因分类", "生产质量");
            complete(browser);
            browser.waitFor(Duration.ofSeconds(40), d -> scenarios.complaint(quality).resolution() == null
                    && !scenarios.openTasks(quality).isEmpty()
                    && scenarios.openTasks(quality).get(0).getTaskDefinitionKey().equals("Task_AnswerCustomer"));
            assertThat(scenarios.timelineKinds(quality)).contains("PROPOSED");
            assertThat(scenarios.departmentTask(billing, "billing")).as("billing's task untouched").isNotNull();
        }

        try (Browser browser = Browser.open(port)) {
            browser.login("tasklist", "ui-center", "center-secret");
            openFilter(browser, "投诉中心待办");
            openTaskOf(browser, quality);
            claim(browser);
            browser.waitFor(Duration.ofSeconds(40), d -> textOf(d, "textarea[id$='Field_answer']"));
            WebElement answer = browser.driver().findElement(By.cssSelector("textarea[id$='Field_answer']"));
            assertThat(answer.getAttribute("value")).contains("【质量部】免费更换内胆");
            complete(browser);
            browser.waitFor(Duration.ofSeconds(40), d -> !scenarios.openTasks(quality).isEmpty()
                    && scenarios.openTasks(quality).get(0).getTaskDefinitionKey().equals("Task_ConfirmWithCustomer"));

            openTaskOf(browser, quality);
            claim(browser);
            browser.waitFor(Duration.ofSeconds(40), d -> d.findElements(By.cssSelector(".fjs-form-field-radio")).isEmpty()
                    ? null : true);
            click(browser, ".fjs-form-field-radio label", "接受");
            // closing needs the root cause (options from the taxonomy), the responsible department, preventable
            select(browser, "根本原因", "流程缺陷");
            select(browser, "责任部门", "质量部");
            WebElement preventable = browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(
                    By.cssSelector(".fjs-form-field-radio label")).stream().filter(e -> e.getText().strip().equals("是"))
                    .findFirst().orElse(null));
            ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("arguments[0].scrollIntoView({block: 'center'});", preventable);
            preventable.click();
            browser.screenshot("tasklist-center-confirm");
            complete(browser);
            browser.waitFor(Duration.ofSeconds(40), d -> "CLOSED".equals(scenarios.complaint(quality).status()));
        }
        assertThat(scenarios.complaint(quality).status()).isEqualTo("CLOSED");
        assertThat(scenarios.complaint(quality).resolution()).contains("免费更换内胆");
    }

    private static void openFilter(Browser browser, String name) {
        browser.waitFor(Duration.ofSeconds(40), d -> d.findElements(By.partialLinkText(name)).stream().findFirst()
                .orElse(null)).click();
    }

    private static List<String> taskNames(Browser browser) {
        return browser.waitFor(Duration.ofSeconds(40), d -> {
            List<WebElement> tasks = d.findElements(By.cssSelector("ol.tasks-list h4.task a"));
            return tasks.isEmpty() ? null : tasks.stream().map(WebElement::getText).map(String::strip).toList();
        });
    }

    private static void openTaskOf(Browser browser, String caseNumber) {
        browser.waitFor(Duration.ofSeconds(40), d -> d.findElements(By.cssSelector("ol.tasks-list > li")).stream()
                .filter(li -> li.getText().contains(caseNumber)).findFirst()
                .map(li -> li.findElement(By.cssSelector("h4.task a"))).orElse(null)).click();
    }

    private static void claim(Browser browser) {
        browser.waitFor(Duration.ofSeconds(40), d -> d.findElements(By.cssSelector("textarea[id$='Field_complaintSummary']"))
                .isEmpty() ? null : true);
        List<WebElement> claim = browser.driver().findElements(By.xpath("//*[self::a or self::button][contains(normalize-space(.),'认领')]"));
        if (!claim.isEmpty()) {
            claim.get(0).click();
            browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.xpath("//*[self::a or self::button][contains(normalize-space(.),'认领')]"))
                    .isEmpty() ? true : null);
        }
    }

    /** Opens the select below the label (scrolled into view first: the form is long) and picks the option. */
    private static void select(Browser browser, String label, String option) {
        WebElement field = browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.xpath(
                "//div[contains(@class,'fjs-form-field-select')][.//label[contains(normalize-space(.),'" + label + "')]]"
                        + "//div[contains(@class,'fjs-input-group')]")).stream().findFirst().orElse(null));
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser.driver();
        js.executeScript("arguments[0].scrollIntoView({block: 'center'});", field);
        field.click();
        WebElement item = browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector(".fjs-dropdownlist-item"))
                .stream().filter(e -> e.getText().strip().equals(option)).findFirst().orElse(null));
        js.executeScript("arguments[0].scrollIntoView({block: 'center'});", item);
        item.click();
    }

    private static void click(Browser browser, String css, String text) {
        browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector(css)).stream()
                .filter(e -> e.getText().strip().equals(text)).findFirst().orElse(null)).click();
    }

    /** The form grew long (case file, answer script, similar complaints): the button is scrolled clear of the footer. */
    private static void complete(Browser browser) {
        WebElement button = browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(
                By.xpath("//button[normalize-space()='完成']")).stream().filter(WebElement::isEnabled).findFirst()
                .orElse(null));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
        button.click();
    }

    private static String textOf(WebDriver driver, String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0).getAttribute("value");
    }

}
