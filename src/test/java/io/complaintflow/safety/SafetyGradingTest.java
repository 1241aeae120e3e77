package io.complaintflow.safety;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.TestUsers;
import io.complaintflow.assist.TextAssistance;
import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Grade;
import io.complaintflow.complaint.TimelineEntry;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.engine.FormValues;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.PublicComplaintRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Safety language grades a complaint at least G3 and sends it to the complaint center's review, whatever the
 * channel and the category; a complaint nobody categorised is always reviewed; the words found are in the timeline
 * and the triage form; process owners extend the lexicon without a deployment.
 */
@ComplaintFlowTest
class SafetyGradingTest {

    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired TestScenarios scenarios;
    @Autowired RuntimeService runtime;
    @Autowired FormService forms;
    @Autowired JdbcClient jdbc;
    @Autowired TextAssistance assistance;

    private String fileOnThePublicForm(String category, String subject, String description) throws Exception {
        String body = json.writeValueAsString(new PublicComplaintRequest("王女士", TestScenarios.uniquePhone(), null,
                category, TestScenarios.uniqueProduct(), subject, description));
        String answer = mvc.perform(post("/public/complaints").with(r -> {
                    r.setRemoteAddr("198.51.100." + ADDRESS.incrementAndGet());
                    return r;
                }).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String caseNumber = json.readTree(answer).get("caseNumber").asText();
        scenarios.runIntakeJobs(caseNumber);
        return caseNumber;
    }

    private ProcessInstance lifecycle(String caseNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("complaint-handling")
                .processInstanceBusinessKey(caseNumber).singleResult();
    }

    private List<TimelineEntry> timeline(String caseNumber, TimelineKind kind) {
        return jdbc.sql("select id, actor, kind, summary, detail from timeline_entry"
                        + " where case_number = ? and kind = ? order by id")
                .param(caseNumber).param(kind.name())
                .query((rs, n) -> new TimelineEntry(rs.getLong("id"), null, rs.getString("actor"),
                        rs.getString("kind"), rs.getString("summary"), rs.getString("detail")))
                .list();
    }

    @Test
    void anUncategorisedInjuryFromThePublicFormIsG3ReviewedAndItsWordsAreInTheTimeline() throws Exception {
        // none of 烫伤/烧伤/受伤 is written: the detector composes 开水 … 洒, 脚背 … 泡
        String caseNumber = fileOnThePublicForm(null, "热水壶质量问题",
                "热水壶的把手突然断了，一壶开水全洒在我女儿的脚背上，起了好几个泡");

        Assertions.assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G3);
        Assertions.assertThat(scenarios.complaint(caseNumber).category()).isEqualTo(Category.OTHER);
        assertThat(lifecycle(caseNumber)).isWaitingAt("Task_ReviewTriage");
        Assertions.assertThat(assistance.sensitiveTopic(caseNumber)).as("complaint-grading's input")
                .isEqualTo("safety");

        List<TimelineEntry> flagged = timeline(caseNumber, TimelineKind.SAFETY_FLAGGED);
        Assertions.assertThat(flagged).hasSize(1);
        Assertions.assertThat(flagged.get(0).summary()).startsWith("识别到人身安全信号：人身伤害：")
                .contains("泡").contains("涉及：女儿");
        Assertions.assertThat(flagged.get(0).actor()).isEqualTo("system");
        mvc.perform(get("/api/complaints/" + caseNumber))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.timeline[?(@.kind=='SAFETY_FLAGGED')].summary")
                        .value(flagged.get(0).summary()));

        Task review = scenarios.task(caseNumber, "Task_ReviewTriage");
        String suggestion = (String) forms.getTaskFormVariables(review.getId())
                .getValue(TextAssistance.SUGGESTION_TEXT, Object.class);
        Assertions.assertThat(suggestion).contains("人身安全信号：人身伤害：").contains("泡")
                .contains("至少 G3，须投诉中心复核").contains("敏感词：人身安全 — ");

        // the center reviews it: the complaint goes on to the departments as the center decided
        scenarios.complete(review, "center", Map.of("category", "safety", "grade", "G3",
                "departments", FormValues.jsonList(List.of("quality"))));
        Assertions.assertThat(scenarios.departmentTask(caseNumber, "quality")).isNotNull();
        Assertions.assertThat(scenarios.complaint(caseNumber).category()).isEqualTo(Category.SAFETY);
    }

    @Test
    void safetyLanguageOutranksAMildCategoryOnAnyChannel() {
        String caseNumber = scenarios.file(TestScenarios.request("store", "delivery", "玩具零件",
                "儿童玩具的小零件很容易脱落，孩子差点吞下去"));
        Assertions.assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G3);
        Assertions.assertThat(scenarios.complaint(caseNumber).category()).as("the agent's category stays")
                .isEqualTo(Category.DELIVERY);
        assertThat(lifecycle(caseNumber)).isWaitingAt("Task_ReviewTriage");
        Assertions.assertThat(timeline(caseNumber, TimelineKind.SAFETY_FLAGGED).get(0).summary())
                .contains("孩子+吞");
    }

    @Test
    void anInjuryTheAgentResolvedOnThePhoneIsStillReviewedAndHandledByTheDepartment() {
        // the agent marks it "resolved at intake": safety outranks the shortcut to the customer's confirmation
        String caseNumber = scenarios.file(new ComplaintRequest("hotline", null, null, null,
                new CustomerRequest("测试客户", TestScenarios.uniquePhone(), null, null, false), "delivery",
                TestScenarios.uniqueProduct(), "玩具零件", "儿童玩具的小零件很容易脱落，孩子差点吞下去", null, null,
                true, "已向客户致歉，建议先收好玩具"));

        Assertions.assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G3);
        assertThat(lifecycle(caseNumber)).isWaitingAt("Task_ReviewTriage")
                .isNotWaitingAt("Task_ConfirmWithCustomer");

        scenarios.complete(scenarios.task(caseNumber, "Task_ReviewTriage"), "center", Map.of("category", "safety",
                "grade", "G3", "departments", FormValues.jsonList(List.of("quality"))));
        Assertions.assertThat(scenarios.departmentTask(caseNumber, "quality")).as("investigated, not just confirmed")
                .isNotNull();
        assertThat(lifecycle(caseNumber)).isNotWaitingAt("Task_ConfirmWithCustomer");
    }

    @Test
    void anUncategorisedComplaintResolvedOnThePhoneIsReviewedAnOrdinaryOneGoesToConfirmation() {
        String uncategorised = scenarios.file(TestScenarios.firstContact("other", "已当场解答"));
        assertThat(lifecycle(uncategorised)).isWaitingAt("Task_ReviewTriage")
                .isNotWaitingAt("Task_ConfirmWithCustomer");

        String ordinary = scenarios.file(TestScenarios.firstContact("after-sales", "已当场解答"));
        assertThat(lifecycle(ordinary)).isWaitingAt("Task_ConfirmWithCustomer")
                .isNotWaitingAt("Task_ReviewTriage");

        // a repeat complaint is G2 and reviewed when it goes to a department, but an answer given on the phone
        // is confirmed with the customer, not investigated
        String phone = TestScenarios.uniquePhone();
        scenarios.file(new ComplaintRequest("hotline", null, null, null,
                new CustomerRequest("测试客户", phone, null, null, false), "billing", TestScenarios.uniqueProduct(),
                "账单", "账单有误", null, null, false, null));
        String repeat = scenarios.file(new ComplaintRequest("hotline", null, null, null,
                new CustomerRequest("测试客户", phone, null, null, false), "billing", TestScenarios.uniqueProduct(),
                "账单", "账单又错了", null, null, true, "已当场更正账单"));
        Assertions.assertThat(scenarios.complaint(repeat).grade()).isEqualTo(Grade.G2);
        assertThat(lifecycle(repeat)).isWaitingAt("Task_ConfirmWithCustomer").isNotWaitingAt("Task_ReviewTriage");
    }

    @Test
    void anUncategorisedOrdinaryComplaintIsReviewedButNotFlagged() throws Exception {
        // 孩子 and 会员卡: safety-looking words, no safety case
        String caseNumber = fileOnThePublicForm(null, "会员卡退款", "孩子的会员卡里还有八百块钱，门店关了退不了");
        Assertions.assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G1);
        assertThat(lifecycle(caseNumber)).isWaitingAt("Task_ReviewTriage");
        Assertions.assertThat(assistance.sensitiveTopic(caseNumber)).isEqualTo("none");
        Assertions.assertThat(timeline(caseNumber, TimelineKind.SAFETY_FLAGGED)).isEmpty();

        String other = fileOnThePublicForm("other", "建议", "建议门店延长营业时间，下班以后来不及去");
        assertThat(lifecycle(other)).as("category other: reviewed too").isWaitingAt("Task_ReviewTriage");

        String routine = fileOnThePublicForm("billing", "多收费", "这个月话费多扣了二十块");
        Assertions.assertThat(scenarios.complaint(routine).grade()).isEqualTo(Grade.G1);
        Assertions.assertThat(scenarios.openTasks(routine)).as("a categorised routine complaint skips the review")
                .noneMatch(t -> "Task_ReviewTriage".equals(t.getTaskDefinitionKey()));
    }

    @Test
    void processOwnersExtendTheLexiconWithoutADeployment() throws Exception {
        String text = "用了你们的足贴以后脚底板一片黑乎乎的印子，洗都洗不掉";
        mvc.perform(post("/api/assist/safety-lexicon/check").contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("text", text))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.flagged").value(false));

        JsonNode added = json.readTree(mvc.perform(post("/api/assist/safety-lexicon")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"term\":\"黑乎乎的印子\",\"kind\":\"harm\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        try {
            mvc.perform(post("/api/assist/safety-lexicon/check").contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(Map.of("text", text))))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.flagged").value(true))
                    .andExpect(jsonPath("$.matches[0].evidence").value("黑乎乎的印子"));
            String caseNumber = scenarios.file(TestScenarios.request("hotline", "product-quality", "足贴", text));
            Assertions.assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G3);
            mvc.perform(get("/api/assist/safety-lexicon"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.owners[?(@.term=='黑乎乎的印子')].kind").value("harm"))
                    .andExpect(jsonPath("$.rules").isNotEmpty());
        } finally {
            mvc.perform(delete("/api/assist/safety-lexicon/" + added.get("id").asLong()))
                    .andExpect(status().isNoContent());
        }
        String after = scenarios.file(TestScenarios.request("hotline", "product-quality", "足贴", text));
        Assertions.assertThat(scenarios.complaint(after).grade()).as("term deleted: routine again").isEqualTo(Grade.G1);
    }

    @Test
    void badLexiconInputIsRefusedWithTheFieldNamed() throws Exception {
        mvc.perform(post("/api/assist/safety-lexicon").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"term\":\" \",\"kind\":\"gossip\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field=='term')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field=='kind')]").exists());
        mvc.perform(post("/api/assist/safety-lexicon").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"term\":\"烫伤\",\"kind\":\"harm\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field=='term')]").exists());
        mvc.perform(post("/api/assist/safety-lexicon/check").contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field=='text')]").exists());
        mvc.perform(delete("/api/assist/safety-lexicon/999999")).andExpect(status().isNotFound());
        mvc.perform(post("/api/assist/safety-lexicon").with(TestUsers.as("agent"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"term\":\"划拉\",\"kind\":\"harm\"}"))
                .andExpect(status().isForbidden());
        Assertions.assertThat(jdbc.sql("select count(*) from safety_term where term in ('划拉', '烫伤')")
                .query(Long.class).single()).as("nothing stored").isZero();
    }
}
