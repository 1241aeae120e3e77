package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.TestScenarios;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What an attacker types: oversized bodies, wrong types, SQL fragments, invisible unicode — refused before
 * anything is stored — and HTML/script, which is kept as the customer's text and shown escaped.
 */
@ComplaintFlowTest
class HostileInputTest {

    private static final String SCRIPT = "<script>alert('xss')</script><img src=x onerror=alert(1)>";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired GreenMail greenMail;
    @Autowired DeadlineScenarios deadlines;
    @Autowired TestScenarios scenarios;

    private long stored() {
        return jdbc.sql("select count(*) from complaint").query(Long.class).single();
    }

    private void refused(String body, int status, String field) throws Exception {
        long before = stored();
        var result = mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(status))
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("application/problem+json")));
        if (field != null) {
            result.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItem(field)));
        }
        assertThat(stored()).as("nothing stored").isEqualTo(before);
    }

    private static String complaint(String field, String value) {
        String description = field.equals("description") ? value : "\"正常的描述\"";
        String subject = field.equals("subject") ? value : "\"主题\"";
        String channel = field.equals("channel") ? value : "\"hotline\"";
        return "{\"channel\":" + channel + ",\"customer\":{\"name\":\"张三\",\"phone\":\"" + TestScenarios.uniquePhone()
                + "\"},\"category\":\"billing\",\"subject\":" + subject + ",\"description\":" + description + "}";
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        char[] huge = new char[70_000];
        Arrays.fill(huge, '长');
        refused(complaint("description", "\"" + new String(huge) + "\""), 413, null);
    }

    @Test
    void aTooLongFieldNamesTheField() throws Exception {
        refused(complaint("subject", "\"" + "长".repeat(201) + "\""), 400, "subject");
    }

    @Test
    void wrongTypesNameTheField() throws Exception {
        refused("{\"channel\":\"hotline\",\"customer\":\"张三\",\"description\":\"x\"}", 400, "customer");
        refused("{\"channel\":\"hotline\",\"customer\":{\"name\":\"张三\",\"phone\":\"13900000000\"},"
                + "\"description\":\"x\",\"amountClaimed\":\"一百元\"}", 400, "amountClaimed");
        refused("[1,2,3]", 400, null);
    }

    @Test
    void sqlFragmentsInCodesAreRefusedAndInTextAreHarmlessText() throws Exception {
        refused(complaint("channel", "\"hotline' OR '1'='1\""), 400, "channel");
        mvc.perform(get("/api/complaints").param("status", "ACCEPTED' OR 1=1 --"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("status"));

        String text = "'; drop table complaint; --";
        JsonNode created = json.readTree(mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON)
                        .content(complaint("description", json.writeValueAsString(text))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        assertThat(jdbc.sql("select description from complaint where case_number = ?")
                .param(created.get("caseNumber").asText()).query(String.class).single()).isEqualTo(text);
    }

    @Test
    void invisibleAndDirectionChangingCharactersAreRefused() throws Exception {
        refused(complaint("description", "\"退款\\u202Egnp.exe\""), 400, "description");
        refused(complaint("description", "\"看不见\\u200B的字\""), 400, "description");
        refused(complaint("subject", "\"响铃\\u0007\""), 400, "subject");
        refused(complaint("description", "\"半个字符\\ud800\""), 400, "description");
    }

    @Test
    void scriptIsKeptAsTextAndArrivesEscapedInTheCustomersMailAndThePeriodReport() throws Exception {
        String body = "{\"channel\":\"hotline\",\"customer\":{\"name\":\"<b>李四</b>\",\"phone\":\""
                + TestScenarios.uniquePhone() + "\",\"email\":\"lisi@example.com\"},\"category\":\"billing\","
                + "\"subject\":" + json.writeValueAsString(SCRIPT) + ",\"description\":"
                + json.writeValueAsString(SCRIPT) + "}";
        JsonNode created = json.readTree(mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        String caseNumber = created.get("caseNumber").asText();
        mvc.perform(get("/api/complaints/" + caseNumber)).andExpect(jsonPath("$.subject").value(SCRIPT));
        scenarios.runIntakeJobs(caseNumber); // the acknowledgement is queued once the deadlines are set

        greenMail.purgeEmailFromAllMailboxes();
        assertThat(deadlines.sendMails(caseNumber)).isPositive();
        MimeMessage mail = Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> GreenMailUtil.getBody(m).length() > 0)
                .filter(m -> {
                    try {
                        return m.getSubject().contains(caseNumber);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).findFirst().orElseThrow();
        String html = new String(mail.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<b>李四")
                .contains("&lt;script&gt;");

        String page = mvc.perform(get("/api/reports/period").param("format", "html"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain("<script>alert");
    }
}
