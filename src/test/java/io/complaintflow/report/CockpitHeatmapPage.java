package io.complaintflow.report;

import io.complaintflow.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** What a manager does with the diagram heat in Cockpit: open a definition, pick period, figure and filter, click. */
final class CockpitHeatmapPage {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    private final Browser browser;
    private final String base;

    CockpitHeatmapPage(Browser browser, int port) {
        this.browser = browser;
        this.base = "http://localhost:" + port + "/camunda/app/cockpit/default/";
    }

    CockpitHeatmapPage openDefinition(String processDefinitionId) {
        browser.driver().get(base + "#/process-definition/" + processDefinitionId + "/runtime");
        browser.waitFor(PATIENCE, d -> d.findElements(By.cssSelector(".cf-heatmap-toolbar")).stream().findFirst()
                .orElse(null));
        return this;
    }

    /** A custom period: the two date fields are filled as the date picker would (its format depends on the locale). */
    CockpitHeatmapPage period(String from, String to) {
        choose("period", "custom");
        for (Map.Entry<String, String> day : Map.of("from", from, "to", to).entrySet()) {
            WebElement input = browser.waitFor(PATIENCE, d -> d.findElements(
                    By.cssSelector(".cf-heatmap-toolbar input[name=" + day.getKey() + "]")).stream().findFirst()
                    .orElse(null));
            ((JavascriptExecutor) browser.driver()).executeScript(
                    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", input,
                    day.getValue());
        }
        return this;
    }

    CockpitHeatmapPage choose(String select, String value) {
        WebElement element = browser.waitFor(PATIENCE, d -> d.findElements(
                By.cssSelector(".cf-heatmap-toolbar select[name=" + select + "]")).stream().findFirst().orElse(null));
        new Select(element).selectByValue(value);
        return this;
    }

    /** The overlay of an activity once it shows {@code attribute} = {@code expected} (figures load asynchronously). */
    WebElement overlayShowing(String activityId, String attribute, String expected) {
        try {
            return browser.waitFor(PATIENCE, d -> d.findElements(
                            By.cssSelector(".cf-heatmap[data-activity='" + activityId + "']")).stream()
                    .filter(e -> expected.equals(e.getAttribute(attribute))).findFirst().orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            Object shown = ((JavascriptExecutor) browser.driver()).executeScript(
                    "return Array.from(document.querySelectorAll('.cf-heatmap[data-activity=\"' + arguments[0]"
                            + " + '\"]')).map(o => o.getAttribute(arguments[1])).join(',') + ' / '"
                            + " + (document.querySelector('.cf-heatmap-legend') || {}).textContent", activityId,
                    attribute);
            throw new AssertionError(activityId + " " + attribute + ": expected " + expected + ", shown " + shown, e);
        }
    }

    /** Cockpit's own button that gives the diagram the whole page (for a readable screenshot). */
    CockpitHeatmapPage maximizeDiagram() {
        browser.driver().findElements(By.cssSelector("a.maximize-collapsable")).stream()
                .filter(WebElement::isDisplayed).findFirst().ifPresent(WebElement::click);
        // the side bar slides away: a picture taken meanwhile shows its half-hidden labels
        browser.waitFor(PATIENCE, d -> d.findElements(By.cssSelector(".ctn-sidebar")).stream()
                .allMatch(bar -> bar.getRect().getWidth() < 1) ? true : null);
        return this;
    }

    /** The diagram's shapes that the heat toolbar covers (waited for: the toolbar clears them once its figures are in). */
    List<String> shapesUnderToolbar() {
        String covered = "const bar = document.querySelector('.cf-heatmap-view').getBoundingClientRect();"
                + " return Array.from(document.querySelectorAll('.djs-element.djs-shape')).filter(e => {"
                + " const r = e.getBoundingClientRect(); return r.width > 0 && r.left < bar.right && r.right > bar.left"
                + " && r.top < bar.bottom && r.bottom > bar.top; }).map(e => e.getAttribute('data-element-id'));";
        try {
            return browser.waitFor(Duration.ofSeconds(10), d -> {
                List<?> ids = (List<?>) ((JavascriptExecutor) d).executeScript(covered);
                return ids.isEmpty() ? List.<String>of() : null;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            return ((List<?>) ((JavascriptExecutor) browser.driver()).executeScript(covered)).stream()
                    .map(String::valueOf).toList();
        }
    }

    List<WebElement> overlays() {
        return browser.driver().findElements(By.cssSelector(".cf-heatmap"));
    }

    /** Clicks the overlay and returns the rows of the list it opens, by case number. */
    List<WebElement> click(WebElement overlay, int expectedRows) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].click();", overlay);
        return browser.waitFor(PATIENCE, d -> {
            List<WebElement> rows = d.findElements(By.cssSelector(".cf-heatmap-complaints tr[data-case-number]"));
            return rows.size() == expectedRows ? rows : null;
        });
    }
}
