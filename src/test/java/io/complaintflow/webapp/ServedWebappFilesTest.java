package io.complaintflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** What the browser gets at Camunda's URLs: the project's copies, not the webjar's. */
@ComplaintFlowTest
class ServedWebappFilesTest {

    @Autowired MockMvc mvc;

    @ParameterizedTest
    @FieldSource("io.complaintflow.webapp.LocaleFiles#APPS")
    void configJsMakesChineseTheDefaultKeepsEnglishAndBrandsTheApp(String app) throws Exception {
        String config = fetch("/camunda/app/" + app + "/scripts/config.js");

        assertThat(config)
                .containsPattern("availableLocales:\\s*\\['zh',\\s*'en'\\]")
                .containsPattern("fallbackLocale:\\s*'zh'")
                .containsPattern("vendor:\\s*'ComplaintFlow'")
                .containsPattern("name:\\s*'\\p{IsHan}+'")
                .containsPattern("customScripts:\\s*\\['\\.\\./complaintflow/webapp'[,\\]]");
    }

    @ParameterizedTest
    @FieldSource("io.complaintflow.webapp.LocaleFiles#APPS")
    void chineseIsServedFromTheProjectAndEnglishFromCamunda(String app) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String chinese = fetch("/camunda/app/" + app + "/locales/zh.json");
        String english = fetch("/camunda/app/" + app + "/locales/en.json");

        assertThat(json.readTree(chinese)).isEqualTo(LocaleFiles.read(LocaleFiles.servedCopy(app, "zh")));
        assertThat(json.readTree(chinese).at("/labels/PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("登录");
        assertThat(english).contains("\"PAGE_LOGIN_SIGN_IN_ACTION\": \"Log in\"");
    }

    @Test
    void theCustomScriptAndItsSettingsAreServed() throws Exception {
        assertThat(fetch("/camunda/app/complaintflow/webapp.js"))
                .contains("import settings from './settings.js'", "determinePreferredLanguage");
        assertThat(fetch("/camunda/app/complaintflow/settings.js"))
                .isEqualTo("export default {\"zone\":\"Asia/Shanghai\",\"banner\":\"\"};\n");
    }

    private String fetch(String url) throws Exception {
        return mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
