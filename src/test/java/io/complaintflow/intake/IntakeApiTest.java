package io.complaintflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@ComplaintFlowTest
class IntakeApiTest {

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtime;
    @Autowired TestScenarios scenarios;

    @Test
    void acceptingAComplaintReturns201WithLocationAndAStartedLifecycleThenItIsGradedAndRouted() throws Exception {
        String body = """
                {"channel":"wechat","externalRef":"WX-%s","customer":{"name":"李女士","phone":"%s","vip":true},
                 "category":"billing","product":"宽带","subject":"多扣费","description":"多扣了 199 元",
                 "amountClaimed":199.00,"occurredAt":"2026-11-20"}
                """.formatted(TestScenarios.uniquePhone(), TestScenarios.uniquePhone());
        String response = mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/complaints/CMP-")))
                .andExpect(jsonPath("$.status").value("ACCEPTED"))
                .andExpect(jsonPath("$.category").value("billing"))
                .andExpect(jsonPath("$.pending[*]").value(org.hamcrest.Matchers.contains("grade", "departments",
                        "deadlines")))
                .andReturn().getResponse().getContentAsString();
        String caseNumber = json.readTree(response).get("caseNumber").asText();

        assertThat(caseNumber).matches("CMP-\\d{8}-\\d{6}");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("complaint-handling")
                .processInstanceBusinessKey(caseNumber).count()).isEqualTo(1);
        scenarios.runIntakeJobs(caseNumber);
        mvc.perform(get("/api/complaints/" + caseNumber))
                .andExpect(jsonPath("$.grade").value("G2"))
                .andExpect(jsonPath("$.departments[0].department").value("billing"))
                .andExpect(jsonPath("$.departments[0].lead").value(true));
    }

    @Test
    void theSameChannelAndExternalRefAgainReturns200WithTheExistingComplaint() throws Exception {
        String body = """
                {"channel":"regulator","externalRef":"12315-2026-%s","regulator":"12315",
                 "regulatorDeadline":"2026-12-31","customer":{"name":"赵先生","phone":"%s"},
                 "category":"product-quality","description":"净化器异响"}
                """.formatted(TestScenarios.uniquePhone(), TestScenarios.uniquePhone());
        JsonNode first = json.readTree(mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        scenarios.runIntakeJobs(first.get("caseNumber").asText());
        long complaintsBefore = count();

        mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.caseNumber").value(first.get("caseNumber").asText()))
                .andExpect(jsonPath("$.grade").value("G3"))
                .andExpect(jsonPath("$.regulatorDeadline").value("2026-12-31T15:59:59Z"))
                .andExpect(jsonPath("$.deadlines.REGULATOR_REPLY.state").value("RUNNING"))
                .andExpect(jsonPath("$.deadlines.RESOLUTION.targetAt").exists())
                .andExpect(jsonPath("$.deadlines.FIRST_RESPONSE.warningAt").exists());
        assertThat(count()).isEqualTo(complaintsBefore);
    }

    @Test
    void badInputIsRejectedWithEveryFieldNamedAndNothingStored() throws Exception {
        long complaintsBefore = count();
        long processesBefore = runtime.createProcessInstanceQuery().count();
        String body = """
                {"channel":"fax","regulator":"12315","customer":{"name":"","phone":"abc","email":"not-mail"},
                 "category":"weather","description":"","amountClaimed":-5,"occurredAt":"yesterday",
                 "resolvedAtIntake":true}
                """;
        mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", startsWith("application/problem+json")))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "channel", "regulator", "customer.name", "customer.phone", "customer.email", "category",
                        "description", "amountClaimed", "occurredAt", "resolution")));
        assertThat(count()).isEqualTo(complaintsBefore);
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(processesBefore);
    }

    @Test
    void aRegulatorCaseWithoutItsRegulatorIsRejected() throws Exception {
        mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content("""
                        {"channel":"regulator","customer":{"name":"赵","phone":"13800000000"},"description":"x"}
                        """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("regulator"));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() throws Exception {
        mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content("""
                        {"channel":"web","customer":{"name":"钱","phone":"13800000000"},"description":"x",
                         "amountClaimed":"lots"}
                        """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("amountClaimed"));
        mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
    }

    @Test
    void aSecondComplaintOfTheSameCustomerWithin30DaysIsLinkedCountedAndRaisedToG2() throws Exception {
        String phone = TestScenarios.uniquePhone();
        String body = """
                {"channel":"hotline","customer":{"name":"王先生","phone":"%s"},"category":"delivery",
                 "description":"快递没到"}""".formatted(phone);
        JsonNode first = json.readTree(mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn().getResponse().getContentAsString());
        scenarios.runIntakeJobs(first.get("caseNumber").asText());
        mvc.perform(get("/api/complaints/" + first.get("caseNumber").asText()))
                .andExpect(jsonPath("$.grade").value("G1"));

        JsonNode second = json.readTree(mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.repeatCount").value(1))
                .andExpect(jsonPath("$.repeatOf").value(first.get("caseNumber").asText()))
                .andReturn().getResponse().getContentAsString());
        scenarios.runIntakeJobs(second.get("caseNumber").asText());
        mvc.perform(get("/api/complaints/" + second.get("caseNumber").asText()))
                .andExpect(jsonPath("$.grade").value("G2"));
        mvc.perform(get("/api/complaints/" + first.get("caseNumber").asText()))
                .andExpect(jsonPath("$.timeline[*].kind").value(hasItem("REPEAT_LINKED")));
    }

    @Test
    void aDescriptionOfTheFullAllowedLengthIsAccepted() throws Exception {
        String body = """
                {"channel":"web","customer":{"name":"长文","phone":"%s"},"category":"delivery","description":"%s"}
                """.formatted(TestScenarios.uniquePhone(), "很长的投诉内容".repeat(714));
        mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
    }

    private long count() {
        return jdbc.sql("select count(*) from complaint").query(Long.class).single();
    }
}
