package io.complaintflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Our zh.json of each webapp against the en.json of the Camunda webjar on the classpath: when an upgrade brings
 * a key we have not translated, this fails instead of the screen silently showing English.
 */
class ChineseLocaleTest {

    @ParameterizedTest
    @FieldSource("io.complaintflow.webapp.LocaleFiles#APPS")
    void everyKeyOfCamundasEnglishHasAChineseEntry(String app) {
        URL english = LocaleFiles.servedCopy(app, "en");
        URL chinese = LocaleFiles.servedCopy(app, "zh");
        assertThat(english.toString()).as("English comes from Camunda's webjar").contains("camunda-webapp-webjar");
        assertThat(chinese.toString()).as("Chinese comes from the project").doesNotContain(".jar!");

        assertThat(LocaleFiles.gaps(LocaleFiles.read(english), LocaleFiles.read(chinese)))
                .as("%s: keys of Camunda's en.json not (or badly) in our zh.json", app)
                .isEmpty();
    }

    @ParameterizedTest
    @FieldSource("io.complaintflow.webapp.LocaleFiles#APPS")
    void theChineseFileHasNoKeysCamundaDoesNotKnow(String app) {
        JsonNode english = LocaleFiles.read(LocaleFiles.servedCopy(app, "en"));
        JsonNode chinese = LocaleFiles.read(LocaleFiles.servedCopy(app, "zh"));

        assertThat(LocaleFiles.extraKeys(english, chinese)).as("%s: stale keys in zh.json", app).isEmpty();
    }
}
