package io.complaintflow;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** What a handler does in Tasklist, step by step: pick a filter, open a complaint's task, claim, read, complete. */
public final class TasklistPage {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final Duration SHORT = Duration.ofSeconds(10);
    private static final By CLAIM = By.xpath("//*[self::a or self::button][contains(normalize-space(.),'认领')]");

    private final Browser browser;

    public TasklistPage(Browser browser) {
        this.browser = browser;
    }

    public TasklistPage openFilter(String name) {
        browser.waitFor(PATIENCE, d -> d.findElements(By.partialLinkText(name)).stream().findFirst().map(link -> {
            link.click();
            return true;
        }).orElse(null));
        browser.waitFor(PATIENCE, d -> d.findElements(By.cssSelector(".task-filter.active")).stream()
                .anyMatch(f -> f.getText().contains(name)) && d.getCurrentUrl().contains("filter=") ? true : null);
        return this;
    }

    /**
     * Narrows the open filter to one complaint, as a handler does by searching its case number (the business key;
     * Tasklist keeps the search in the address, where this puts it). However many tasks other complaints add to
     * the filter, and however they sort, this complaint's tasks are then on the first page.
     */
    public TasklistPage searchCase(String caseNumber) {
        String url = browser.driver().getCurrentUrl().replaceAll("searchQuery=[^&]*&?", "");
        String search = "[{\"type\":\"processInstanceBusinessKey\",\"operator\":\"eq\",\"value\":\""
                + caseNumber + "\"}]";
        String separator = url.endsWith("?") || url.endsWith("&") ? "" : url.contains("?") ? "&" : "?";
        browser.driver().get(url + separator + "searchQuery="
                + URLEncoder.encode(search, StandardCharsets.UTF_8));
        return this;
    }

    public List<String> taskNames() {
        return browser.waitFor(PATIENCE, d -> {
            List<WebElement> tasks = d.findElements(By.cssSelector("ol.tasks-list h4.task a"));
            return tasks.isEmpty() ? null : tasks.stream().map(WebElement::getText).map(String::strip).toList();
        });
    }

    /** The complaints' subjects the list shows under the task names, once read (cards.js). */
    public List<String> taskSubjects() {
        return browser.waitFor(PATIENCE, d -> {
            List<String> subjects = d.findElements(By.cssSelector("ol.tasks-list .cf-task-subject")).stream()
                    .map(WebElement::getText).map(String::strip).filter(t -> !t.isEmpty()).toList();
            return subjects.isEmpty() ? null : subjects;
        });
    }

    /** The values of the list's columns (工单号, 等级, 类别, 渠道) of every task shown, folded away or not. */
    public List<String> taskColumnValues() {
        @SuppressWarnings("unchecked")
        List<String> values = (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
                "return [...document.querySelectorAll('ol.tasks-list .variable-value')].map(e => e.textContent.trim());");
        return values;
    }

    /** Searches the open filter for this case number and opens the task whose list entry shows it (the 工单号 column). */
    public TasklistPage openTaskOf(String caseNumber) {
        searchCase(caseNumber);
        // found and clicked in one attempt: the list can re-render between the two (a stale entry: look again)
        browser.waitFor(PATIENCE, d -> d.findElements(By.cssSelector("ol.tasks-list > li")).stream()
                .filter(li -> li.getText().contains(caseNumber)).findFirst()
                .map(li -> {
                    li.findElement(By.cssSelector("h4.task a")).click();
                    return true;
                }).orElse(null));
        return this;
    }

    /** Claims the open task once its form is there (a no-op when it is already assigned). */
    public TasklistPage claim(String anyFieldKey) {
        field(anyFieldKey);
        return claimShown();
    }

    /** The same for a form whose first field is a radio group: once it shows this option. */
    public TasklistPage claimAtOption(String option) {
        browser.waitFor(PATIENCE, d -> d.findElements(By.cssSelector(".fjs-form-field-radio label"))
                .stream().filter(e -> e.getText().strip().equals(option)).findFirst().orElse(null));
        return claimShown();
    }

    private TasklistPage claimShown() {
        List<WebElement> claim = browser.driver().findElements(CLAIM);
        if (!claim.isEmpty()) {
            claim.get(0).click();
            browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(CLAIM).isEmpty() ? true : null);
        }
        return this;
    }

    /** Ticks the radio option with this text (scrolled into view first: the forms are long). */
    public TasklistPage pick(String option) {
        WebElement label = browser.waitFor(SHORT, d -> d.findElements(By.cssSelector(".fjs-form-field-radio label"))
                .stream().filter(e -> e.getText().strip().equals(option)).findFirst().orElse(null));
        scrollTo(label).click();
        return this;
    }

    /** Opens the select below the label and picks the option. */
    public TasklistPage select(String label, String option) {
        WebElement field = browser.waitFor(SHORT, d -> d.findElements(By.xpath(
                "//div[contains(@class,'fjs-form-field-select')][.//label[contains(normalize-space(.),'" + label + "')]]"
                        + "//div[contains(@class,'fjs-input-group')]")).stream().findFirst().orElse(null));
        scrollTo(field).click();
        WebElement item = browser.waitFor(SHORT, d -> d.findElements(By.cssSelector(".fjs-dropdownlist-item"))
                .stream().filter(e -> e.getText().strip().equals(option)).findFirst().orElse(null));
        scrollTo(item).click();
        return this;
    }

    /** What an empty select below the label shows (the style rule's text in Chinese, form-js's own word otherwise). */
    public String selectPlaceholder(String label) {
        WebElement display = browser.waitFor(SHORT, d -> d.findElements(By.xpath(
                "//div[contains(@class,'fjs-form-field-select')][.//label[contains(normalize-space(.),'" + label + "')]]"
                        + "//div[contains(@class,'fjs-select-placeholder')]")).stream().findFirst().orElse(null));
        String before = (String) ((JavascriptExecutor) browser.driver()).executeScript(
                "return getComputedStyle(arguments[0], '::before').content;", display);
        return before == null || before.equals("none") || before.equals("normal") ? display.getText()
                : before.replaceAll("^\"|\"$", "");
    }

    /**
     * The messages of the form's own field checks under the fields, once they are in Chinese (webapp.js translates
     * form-js's English as it appears; English that stays times out here).
     */
    public List<String> fieldCheckMessages() {
        return browser.waitFor(SHORT, d -> {
            List<String> messages = d.findElements(By.cssSelector(".fjs-form-field-error li")).stream()
                    .map(WebElement::getText).map(String::strip).toList();
            return !messages.isEmpty() && messages.stream().noneMatch(m -> m.matches("^[A-Za-z].*")) ? messages : null;
        });
    }

    /** Closes the notifications shown so far (e.g. Tasklist's own "提交任务表单时出错" after a form's check failed). */
    public TasklistPage dismissNotifications() {
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelectorAll('.notifications .alert .close').forEach(b => b.click());");
        browser.waitFor(SHORT, d -> d.findElements(By.cssSelector(".notifications .alert")).isEmpty() ? true : null);
        return this;
    }

    /** The text of the red notification Tasklist shows when the server refuses something. */
    public String errorNotification() {
        return browser.waitFor(PATIENCE, d -> d.findElements(By.cssSelector(".notifications .alert-danger")).stream()
                .map(WebElement::getText).filter(t -> !t.isBlank()).findFirst().orElse(null));
    }

    public TasklistPage clear(String key) {
        browser.driver().findElement(By.cssSelector("[id$='Field_" + key + "']")).clear();
        return this;
    }

    public TasklistPage type(String key, String text) {
        browser.driver().findElement(By.cssSelector("[id$='Field_" + key + "']")).sendKeys(text);
        return this;
    }

    /** Presses 完成 (scrolled clear of the footer). */
    public void complete() {
        // retried while the form still lays itself out (e.g. just after switching back to the 表单 tab)
        browser.waitFor(SHORT, d -> {
            WebElement button = d.findElements(By.xpath("//button[normalize-space()='完成']"))
                    .stream().filter(WebElement::isEnabled).findFirst().orElse(null);
            if (button == null) {
                return null;
            }
            try {
                scrollTo(button).click();
                return true;
            } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
                return null;
            }
        });
    }

    private WebElement scrollTo(WebElement element) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        return element;
    }

    /** Switches the open task to one of its tabs (表单, 案卷, 历史, 流程图, 描述). */
    public TasklistPage openTab(String label) {
        WebElement tab = browser.waitFor(SHORT, d -> d.findElements(By.cssSelector(".tabbed-content ul.nav-tabs li a"))
                .stream().filter(a -> a.getText().strip().equals(label)).findFirst().orElse(null));
        scrollTo(tab).click();
        return this;
    }

    /** The 案卷 tab's text once it has read the complaint and its timeline (or said why it could not). */
    public String caseFile() {
        return browser.waitFor(PATIENCE, d -> d.findElements(By.cssSelector(".cf-casefile")).stream()
                .filter(e -> !e.findElements(By.cssSelector(".cf-casefile-timeline, .cf-casefile-status.alert"))
                        .isEmpty()).findFirst().map(WebElement::getText).orElse(null));
    }

    /** One value of the 案卷 tab's summary (工单号 caseNumber, 客户 customer, 主题 subject, 责任部门 departments …). */
    public String caseFileField(String field) {
        caseFile();
        return browser.driver().findElement(By.cssSelector(".cf-casefile [data-field='" + field + "']")).getText();
    }

    /**
     * Clicks 显示联系方式 beside the masked customer in the 案卷 tab and waits until the tab shows the contact details
     * (the explicit, logged reveal); returns the customer field then.
     */
    public String revealContact() {
        WebElement reveal = browser.waitFor(SHORT, d -> d.findElements(By.cssSelector(".cf-casefile .cf-casefile-reveal"))
                .stream().findFirst().orElse(null));
        scrollTo(reveal).click();
        browser.waitFor(SHORT, d -> d.findElements(By.cssSelector(".cf-casefile .cf-casefile-revealed")).stream()
                .findFirst().orElse(null));
        return caseFileField("customer");
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
