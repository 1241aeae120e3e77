package io.complaintflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.Browser;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A customer on the public page: files a complaint, notes the case number, and follows it on the status page. */
@ComplaintFlowTest
class PublicPageBrowserTest {

    private static final String HOSTILE = "<script>window.hacked=1</script><img src=x onerror=\"window.hacked=2\">";

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;

    @Test
    void aCustomerFilesOnThePublicPageAndFindsTheCaseOnTheStatusPage() throws Exception {
        String phone = TestScenarios.uniquePhone();
        try (Browser browser = Browser.open(port)) {
            WebDriver d = browser.driver();
            d.get("http://localhost:" + port + "/public/");
            browser.waitFor(Duration.ofSeconds(20), x -> x.findElements(By.id("complaint")).isEmpty() ? null : true);
            assertThat(d.getTitle()).containsPattern("[\\u4e00-\\u9fa5]");
            d.findElement(By.id("name")).sendKeys("王小明");
            d.findElement(By.id("phone")).sendKeys(phone);
            new Select(d.findElement(By.id("category"))).selectByValue("delivery");
            d.findElement(By.id("subject")).sendKeys(HOSTILE);
            d.findElement(By.id("description")).sendKeys("快递三天没更新，" + HOSTILE);
            d.findElement(By.cssSelector("#complaint button[type=submit], #complaint input[type=submit]")).click();
            String filed = browser.waitFor(Duration.ofSeconds(20), x -> {
                String text = x.findElement(By.id("result")).getText();
                return text.contains("CMP-") ? text : null;
            });
            browser.screenshot("public-filed");
            Matcher number = Pattern.compile("CMP-\\d{8}-\\d{6}").matcher(filed);
            assertThat(number.find()).as(filed).isTrue();
            String caseNumber = number.group();
            assertThat(scenarios.complaint(caseNumber).subject()).as("stored as the customer typed it").isEqualTo(HOSTILE);
            assertThat(((JavascriptExecutor) d).executeScript("return window.hacked === undefined")).isEqualTo(true);

            d.get("http://localhost:" + port + "/public/status.html");
            lookUp(browser, caseNumber, "13000000000");
            String refused = browser.waitFor(Duration.ofSeconds(20), x -> {
                String text = x.findElement(By.id("result")).getText();
                return text.isBlank() ? null : text;
            });
            assertThat(refused).doesNotContain(caseNumber + "：").doesNotContain("王");

            d.navigate().refresh();
            lookUp(browser, caseNumber, phone);
            String status = browser.waitFor(Duration.ofSeconds(20), x -> {
                String text = x.findElement(By.id("result")).getText();
                return text.contains("处理进度") ? text : null;
            });
            browser.screenshot("public-status");
            assertThat(status).contains(caseNumber).contains("王**")
                    .contains(phone.substring(0, 3) + "****" + phone.substring(7)).doesNotContain(phone);
            assertThat(((JavascriptExecutor) d).executeScript("return window.hacked === undefined")).isEqualTo(true);
        }
    }

    private static void lookUp(Browser browser, String caseNumber, String phone) {
        WebDriver d = browser.driver();
        browser.waitFor(Duration.ofSeconds(20), x -> x.findElements(By.id("lookup")).isEmpty() ? null : true);
        d.findElement(By.id("caseNumber")).clear();
        d.findElement(By.id("caseNumber")).sendKeys(caseNumber);
        d.findElement(By.id("phone")).clear();
        d.findElement(By.id("phone")).sendKeys(phone);
        d.findElement(By.cssSelector("#lookup button[type=submit], #lookup input[type=submit]")).click();
    }
}
