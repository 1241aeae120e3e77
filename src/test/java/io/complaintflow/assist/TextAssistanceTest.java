package io.complaintflow.assist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Timestamps;
import io.complaintflow.engine.FormValues;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Text assistance in the running application: intake answer, grading by sensitive words, forms, acceptance. */
@ComplaintFlowTest
class TextAssistanceTest {

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired TestScenarios scenarios;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired FormService forms;
    @Autowired JdbcClient jdbc;
    @Autowired AssistService assist;

    private JsonNode intake(String category, String subject, String description) throws Exception {
        String body = json.writeValueAsString(Map.of("channel", "hotline",
                "customer", Map.of("name", "测试客户", "phone", TestScenarios.uniquePhone()),
                "category", category, "product", TestScenarios.uniqueProduct(), "subject", subject,
                "description", description));
        JsonNode answer = json.readTree(mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        // the suggestion comes with the answer; grade and departments once the intake job has run
        String caseNumber = answer.get("caseNumber").asText();
        scenarios.runIntakeJobs(caseNumber);
        com.fasterxml.jackson.databind.node.ObjectNode settled = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(mvc.perform(get("/api/complaints/" + caseNumber)).andExpect(status().isOk())
                        .andReturn().getResponse().getContentAsString());
        return settled.set("suggestion", answer.get("suggestion"));
    }

    @Test
    void aMildCategoryWithLawsuitOrMediaWordsIsGradedG4() throws Exception {
        // 打官司 is only in the owners' word list, not in the decision table's own crisis words
        JsonNode lawsuit = intake("service-attitude", "客服态度差", "客服挂我电话，再不道歉我就跟你们打官司");
        assertThat(lawsuit.get("grade").asText()).isEqualTo("G4");
        assertThat(lawsuit.get("category").asText()).as("the agent's category stays").isEqualTo("service-attitude");

        // a word the process owners add counts at the next intake
        JsonNode added = json.readTree(mvc.perform(post("/api/assist/sensitive-words")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"word\":\"找报纸\",\"topic\":\"media\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        try {
            JsonNode media = intake("delivery", "快递慢", "快递一周没到，我要去找报纸登出来");
            assertThat(media.get("grade").asText()).isEqualTo("G4");
            String caseNumber = media.get("caseNumber").asText();
            assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("CRISIS-" + caseNumber).count()
                    + runtime.createProcessInstanceQuery().processDefinitionKey("crisis-response")
                    .variableValueEquals("caseNumber", caseNumber).count())
                    .as("G4 starts the crisis response").isPositive();
        } finally {
            mvc.perform(delete("/api/assist/sensitive-words/" + added.get("id").asLong()))
                    .andExpect(status().isNoContent());
        }
        JsonNode afterDelete = intake("delivery", "快递慢", "快递一周没到，我要去找报纸登出来");
        assertThat(afterDelete.get("grade").asText()).as("word deleted: a routine case again").isEqualTo("G1");
    }

    @Test
    void safetyAndRegulatorWordsRaiseAMildCategoryToAtLeastG3() throws Exception {
        assertThat(intake("delivery", "送货问题", "送货工人把柜子砸到我脚上，已经住院了").get("grade").asText())
                .isEqualTo("G3");
        assertThat(intake("billing", "多收费", "多收了二十块钱，我已经打了12345热线").get("grade").asText())
                .isEqualTo("G3");
    }

    @Test
    void theSensitiveWordListRejectsBadInput() throws Exception {
        mvc.perform(post("/api/assist/sensitive-words").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"word\":\"\",\"topic\":\"gossip\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field=='word')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field=='topic')]").exists());
        mvc.perform(post("/api/assist/sensitive-words").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"word\":\"起诉\",\"topic\":\"lawsuit\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(delete("/api/assist/sensitive-words/999999")).andExpect(status().isNotFound());
        mvc.perform(get("/api/assist/sensitive-words"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.word=='律师函')].topic").value("lawsuit"));
    }

    @Test
    void aLowConfidenceSuggestionChangesNothing() throws Exception {
        // a vague text: the seed model is unsure of it
        JsonNode answer = intake("delivery", "你好", "你好。");
        JsonNode suggestion = answer.get("suggestion");
        assertThat(suggestion.get("source").asText()).isEqualTo("seed");
        assertThat(suggestion.get("lowConfidence").asBoolean()).isTrue();
        assertThat(suggestion.get("category").get("confidence").asDouble()).isLessThan(0.6);

        String caseNumber = answer.get("caseNumber").asText();
        assertThat(answer.get("category").asText()).isEqualTo("delivery");
        assertThat(answer.get("grade").asText()).isEqualTo("G1");
        assertThat(answer.get("departments").get(0).get("department").asText()).isEqualTo("logistics");
        assertThat(scenarios.departmentTask(caseNumber, "logistics")).as("straight to the department, no review")
                .isNotNull();
        assertThat(scenarios.complaint(caseNumber).category()).isEqualTo(Category.DELIVERY);
    }

    @Test
    void theTriageFormShowsTheSuggestionAndTheChoiceIsRecorded() throws Exception {
        JsonNode before = json.readTree(mvc.perform(get("/api/assist/acceptance")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        // no category: the decision table asks the complaint center to review
        String caseNumber = scenarios.file(TestScenarios.request("hotline", null, "快递丢件",
                "快递显示已签收但我没有收到包裹，物流信息也不更新"));
        JsonNode suggested = json.readTree(mvc.perform(get("/api/complaints/" + caseNumber)).andReturn()
                .getResponse().getContentAsString());
        assertThat(suggested.get("caseNumber").asText()).isEqualTo(caseNumber);

        Task review = scenarios.task(caseNumber, "Task_ReviewTriage");
        Object text = forms.getTaskFormVariables(review.getId()).getValue(TextAssistance.SUGGESTION_TEXT, Object.class);
        assertThat((String) text).contains("建议类别：物流配送").contains("建议牵头部门：物流部").contains("来源：随系统提供的标注投诉")
                .hasSizeLessThanOrEqualTo(4000);
        assertThat(forms.getTaskFormVariables(review.getId()).getValue(TextAssistance.SIMILAR_TEXT, Object.class))
                .as("similar cases are read in the 案卷 tab, not copied at intake").isNull();

        scenarios.complete(review, "center", Map.of("category", "delivery", "grade", "G2",
                "departments", FormValues.jsonList(List.of("logistics"))));

        var row = jdbc.sql("select suggested_category, chosen_category, chosen_grade, chosen_department, chosen_by"
                        + " from suggestion_outcome where case_number = ?").param(caseNumber)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).single();
        assertThat(row).containsExactly("delivery", "delivery", "G2", "logistics", "center");
        JsonNode after = json.readTree(mvc.perform(get("/api/assist/acceptance")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(after.get("reviewed").asLong()).isEqualTo(before.get("reviewed").asLong() + 1);
        assertThat(after.get("categoryAccepted").asDouble()).isPositive();
        mvc.perform(get("/api/assist/acceptance?from=2026-13-01")).andExpect(status().isBadRequest());
    }

    @Test
    void similarClosedComplaintsAreListedInTheCaseFileAndTheAnswerForm() throws Exception {
        Instant longAgo = Instant.parse("2018-06-01T02:00:00Z");
        for (int i = 1; i <= 3; i++) {
            String old = "SIM-" + System.nanoTime() % 1_000_000_000L + i;
            jdbc.sql("""
                            insert into complaint (case_number, channel, customer_name, category, subject, description,
                                status, grade, resolution, created_at, updated_at, closed_at)
                            values (?, 'internal', '历史客户', 'delivery', ?, ?, 'CLOSED', 'G1', ?, ?, ?, ?)""")
                    .param(old).param("冷链配送温度超标" + i).param("冷藏包裹送到时冰袋全部融化，温度计显示超过八度")
                    .param("为客户补发冷藏包裹并赔偿运费，冷链承运商已整改" + i)
                    .param(Timestamps.odt(longAgo)).param(Timestamps.odt(longAgo)).param(Timestamps.odt(longAgo))
                    .update();
            jdbc.sql("""
                            insert into complaint_department (case_number, department, is_lead, state, assigned_at,
                                updated_at) values (?, 'logistics', true, 'PROPOSED', ?, ?)""")
                    .param(old).param(Timestamps.odt(longAgo)).param(Timestamps.odt(longAgo)).update();
        }
        long version = json.readTree(mvc.perform(post("/api/assist/retrain")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).get("version").asLong();
        mvc.perform(get("/api/assist/model")).andExpect(jsonPath("$.version").value(version))
                .andExpect(jsonPath("$.source").value("seed"))
                .andExpect(jsonPath("$.seedSize").value(SeedComplaints.all().size()))
                .andExpect(jsonPath("$.size").isNumber());

        String caseNumber = scenarios.file(TestScenarios.request("hotline", "delivery", "冷链包裹融化",
                "冷藏包裹送到时冰袋融化了，温度超过八度"));
        // the department reads them in its task's 案卷 tab, looked up when it opens: its part holds no copy (#19)
        Task department = scenarios.departmentTask(caseNumber, "logistics");
        assertThat(runtime.getVariable(department.getProcessInstanceId(), TextAssistance.SIMILAR_TEXT)).isNull();
        String similar = json.readTree(mvc.perform(get("/api/complaints/" + caseNumber + "/reference"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .get(TextAssistance.SIMILAR_TEXT).asText();
        assertThat(similar).contains("SIM-").contains("补发冷藏包裹").contains("物流配送").hasSizeLessThanOrEqualTo(4000);

        // so does the center at its answer: the lifecycle holds no copy either
        scenarios.propose(caseNumber, "logistics", "logistics", "补发");
        Task answer = scenarios.task(caseNumber, "Task_AnswerCustomer");
        assertThat(forms.getTaskFormVariables(answer.getId()).getValue(TextAssistance.SIMILAR_TEXT, Object.class))
                .isNull();
        assertThat(json.readTree(mvc.perform(get("/api/complaints/" + caseNumber + "/reference"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .get(TextAssistance.SIMILAR_TEXT).asText()).isEqualTo(similar);
    }
}
