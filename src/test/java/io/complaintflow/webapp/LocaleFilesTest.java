package io.complaintflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The comparison behind {@link ChineseLocaleTest}, on small hand-made files. */
class LocaleFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ENGLISH = """
            {"dateLocales": {"week": {"dow": 1, "doy": 4}, "months": ["January", "February"]},
             "labels": {"SAVE": "Save", "GREETING": "Hello {{name}}", "COUNT": "{} selected"}}
            """;

    @Test
    void aCompleteTranslationHasNoGaps() throws Exception {
        JsonNode chinese = JSON.readTree("""
                {"dateLocales": {"week": {"dow": 1, "doy": 4}, "months": ["一月", "二月"]},
                 "labels": {"SAVE": "保存", "GREETING": "{{name}}，您好", "COUNT": "已选择 {} 个"}}
                """);

        assertThat(LocaleFiles.gaps(JSON.readTree(ENGLISH), chinese)).isEmpty();
    }

    @Test
    void missingNestedKeysWrongShapesAndLostPlaceholdersAreReported() throws Exception {
        JsonNode chinese = JSON.readTree("""
                {"dateLocales": {"week": {"dow": 1}, "months": ["一月"]},
                 "labels": {"SAVE": ["保存"], "GREETING": "您好", "COUNT": "已选择 {} 个"}}
                """);

        assertThat(LocaleFiles.gaps(JSON.readTree(ENGLISH), chinese)).containsExactly(
                "dateLocales.week.doy missing",
                "dateLocales.months has 1 entries, not 2",
                "labels.SAVE is ARRAY, not STRING",
                "labels.GREETING has placeholders {}, not {{{name}}=1}");
    }

    @Test
    void keysCamundaNoLongerHasAreExtra() throws Exception {
        JsonNode chinese = JSON.readTree(ENGLISH.replace("\"SAVE\"", "\"OLD\": \"旧\", \"SAVE\""));

        assertThat(LocaleFiles.extraKeys(JSON.readTree(ENGLISH), chinese)).containsExactly("labels.OLD missing");
    }
}
