package io.complaintflow;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** What a handler does in Tasklist, step by step: pick a filter, open a complaint's task, claim, read, complete. */
public final class TasklistPage {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final By CLAIM = By.xpath("//*[self::a or self::button][contains(normalize-space(.),'认领')]");

    private final Browser browser;

    public TasklistPage(Browser browser) {
        this.browser = browser;
    }

    public TasklistPage openFilter(String name) {
        browser.waitFor(PATIENCE, d -> d.findElements(By.partialLinkText(name)).stream().findFirst().orElse(null))
                .click();
        return this;
    }

    public List<String> taskNames() {
        return browser.waitFor(PATIENCE, d -> {
            List<WebElement> tasks = d.findElements(By.cssSelector("ol.tasks-list h4.task a"));
            return tasks.isEmpty() ? null : tasks.stream().map(WebElement::getText).map(String::strip).toList();
        });
    }

    /** Opens the task whose list entry shows this case number (the 工单号 column). */
    public TasklistPage openTaskOf(String caseNumber) {
        browser.waitFor(PATIENCE, d -> d.findElements(By.cssSelector("ol.tasks-list > li")).stream()
                .filter(li -> li.getText().contains(caseNumber)).findFirst()
                .map(li -> li.findElement(By.cssSelector("h4.task a"))).orElse(null)).click();
        return this;
    }

    /** Claims the open task once its form is there (a no-op when it is already assigned). */
    public TasklistPage claim(String anyFieldKey) {
        field(anyFieldKey);
        List<WebElement> claim = browser.driver().findElements(CLAIM);
        if (!claim.isEmpty()) {
            claim.get(0).click();
            browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(CLAIM).isEmpty() ? true : null);
        }
        return this;
    }

    /** The value of a form field, waiting until the form shows it. */
    public String field(String key) {
        return browser.waitFor(PATIENCE, d -> value(d, key));
    }

    private static String value(WebDriver driver, String key) {
        List<WebElement> found = driver.findElements(By.cssSelector("[id$='Field_" + key + "']"));
        return found.isEmpty() ? null : found.get(0).getAttribute("value");
    }
}
