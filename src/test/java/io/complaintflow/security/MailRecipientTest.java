package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import io.complaintflow.TestScenarios;
import io.complaintflow.notification.Mail;
import io.complaintflow.notification.MailAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** One e-mail field is one recipient: on the public form, the API, the import, users and at sending. */
@ComplaintFlowTest
class MailRecipientTest {

    static final String TWO = "cust@example.org,all-staff";

    @LocalServerPort int port;
    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired JdbcClient jdbc;

    private long complaints() {
        return jdbc.sql("select count(*) from complaint").query(Long.class).single();
    }

    @Test
    void thePublicFormRefusesCustExampleOrgCommaAllStaffNamingEmail() throws Exception {
        long before = complaints();
        String client = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
        HttpResponse<String> filed = new HttpSession(port).json("POST", "/public/complaints", """
                {"name":"测试","phone":"%s","email":"%s","category":"billing","description":"多扣费"}"""
                .formatted(TestScenarios.uniquePhone(), TWO), Map.of("X-Forwarded-For", client));
        assertThat(filed.statusCode()).isEqualTo(400);
        JsonNode errors = json.readTree(filed.body()).get("errors");
        assertThat(errors.findValuesAsText("field")).contains("email");
        assertThat(complaints()).isEqualTo(before);
    }

    @Test
    void theApiAndTheImportRefuseSeveralAddressesInOneField() throws Exception {
        long before = complaints();
        for (String several : List.of(TWO, "a@example.org; b@example.org", "a@example.org b@example.org",
                "\"Boss\" <boss@example.org>", "staff:a@example.org,b@example.org;")) {
            HttpResponse<String> filed = new HttpSession(port).basic("agent", "demo").postJson("/api/complaints", """
                    {"channel":"hotline","customer":{"name":"测试","phone":"%s","email":%s},
                     "category":"billing","description":"多扣费"}""".formatted(TestScenarios.uniquePhone(),
                    json.writeValueAsString(several)));
            assertThat(filed.statusCode()).as(several).isEqualTo(400);
            assertThat(json.readTree(filed.body()).get("errors").findValuesAsText("field")).contains("customer.email");
        }
        String csv = "监管编号,监管机构,投诉人,联系电话,电子邮箱,投诉类别,投诉内容\n"
                + "12315-MAIL-" + TestScenarios.uniquePhone() + ",12315,王先生," + TestScenarios.uniquePhone() + ",\""
                + TWO + "\",billing,多扣费\n";
        String report = mvc.perform(multipart("/api/complaints/import").file(new MockMultipartFile("file", "batch.csv",
                "text/csv", csv.getBytes(StandardCharsets.UTF_8)))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        JsonNode row = json.readTree(report).get("results").get(0);
        assertThat(row.get("status").asText()).isEqualTo("rejected");
        assertThat(row.get("errors").toString()).contains("邮箱");
        assertThat(complaints()).isEqualTo(before);
    }

    @Test
    void singleAddressesIncludingInternationalOnesAreAcceptedAndAStoredListNeverReachesTheMailer() {
        assertThat(MailAddress.isSingle("cust@example.org")).isTrue();
        assertThat(MailAddress.isSingle("li.na+complaints@mail.example.com.cn")).isTrue();
        assertThat(MailAddress.isSingle("张三@例子.中国")).isTrue();
        assertThat(MailAddress.isSingle("user@xn--fsqu00a.xn--fiqs8s")).isTrue();
        assertThat(MailAddress.isSingle(TWO)).isFalse();
        assertThat(MailAddress.isSingle("cust@example.org\nBcc: all@example.org")).isFalse();
        assertThat(new Mail(List.of("cust@example.org", TWO), "s", "b").to()).containsExactly("cust@example.org");
    }

    @Test
    void aUsersMailAddressInTheIdentityStoreIsOneAddress() {
        HttpResponse<String> created = new HttpSession(port).basic("demo", "demo").postJson("/engine-rest/user/create",
                "{\"profile\":{\"id\":\"mail-list-" + ThreadLocalRandom.current().nextInt(100000)
                        + "\",\"firstName\":\"M\",\"lastName\":\"L\",\"email\":\"" + TWO + "\"},"
                        + "\"credentials\":{\"password\":\"Mail-list-passw0rd\"}}");
        assertThat(created.statusCode()).isEqualTo(400);
        assertThat(created.body()).contains("email");
    }
}
