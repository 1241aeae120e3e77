package io.complaintflow.crisis;

import static io.complaintflow.ReadinessScenarios.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.ReadinessScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.Grade;
import io.complaintflow.engine.FormValues;
import io.complaintflow.pdca.PdcaHandover;
import io.complaintflow.pdca.PdcaHandovers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * crisis-response from a G4 complaint, by hand and from Tasklist: the commander's acknowledgement and the next
 * level when it does not come, the statement's way through legal and the emergency group, the customer contact,
 * regulator liaison, and the review handed over to PDCA.
 */
@ComplaintFlowTest
class CrisisResponseTest {

    @Autowired ProcessEngine engine;
    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired TestScenarios scenarios;
    @Autowired ReadinessScenarios readiness;
    @Autowired Crises crises;
    @Autowired PdcaHandovers pdca;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired FormService forms;
    @Autowired IdentityService identity;
    @Autowired RepositoryService repository;
    @Autowired GreenMail greenMail;

    @BeforeEach
    void init() throws Exception {
        BpmnAwareTests.init(engine);
        greenMail.purgeEmailFromAllMailboxes();
        readiness.person("duty-commander", "emergency-group");
        readiness.person("senior-leader", "emergency-senior");
    }

    @AfterEach
    void cleanUp() {
        identity.clearAuthentication();
        readiness.deleteRunning(CrisisProcess.KEY);
        ClockUtil.reset();
    }

    @Test
    void aG4ComplaintStartsItsCrisisResponseWhichRunsToAReviewHandedOverToPdca() throws Exception {
        now("2034-04-11T13:00:00Z"); // 21:00 in Shanghai: crises do not wait for office hours
        String caseNumber = scenarios.file(TestScenarios.request("app", "product-quality", "热水器漏电",
                "再不处理就找记者曝光"));
        assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G4);

        Crisis crisis = crises.forCase(caseNumber).orElseThrow();
        ProcessInstance response = crisisProcess(crisis);
        assertThat(response.getBusinessKey()).isEqualTo(caseNumber);
        assertThat(response).isWaitingAt("Task_AcknowledgeCommand", "Task_DraftStatement", "Task_ContactCustomer",
                "Task_LogRegulatorLiaison");
        Task acknowledge = task(response, "Task_AcknowledgeCommand");
        assertThat(candidateGroups(acknowledge)).containsExactly("emergency-group");
        assertThat(acknowledge.getDueDate().toInstant()).isEqualTo(Instant.parse("2034-04-11T13:15:00Z"));
        assertThat(scenarios.timelineKinds(caseNumber)).contains("CRISIS");
        Map<String, Object> form = forms.getTaskFormVariables(task(response, "Task_DraftStatement").getId());
        // the complaint itself is read in the 案卷 tab (by the crisis' case number), not copied into the crisis
        assertThat(form.get("caseNumber")).isEqualTo(caseNumber);
        assertThat(form).doesNotContainKeys("complaintSummary", "timelineText");
        assertThat(form.get("crisisSummary").toString()).contains("危机投诉（G4）", "待确认");
        readiness.sendMails(caseNumber);
        assertThat(readiness.mailsTo("duty-commander")).extracting(ReadinessScenarios::subject)
                .containsExactly("【危机响应】危机投诉 " + caseNumber + "：热水器漏电 —— 请在 2034-04-11 21:15 前确认指挥");

        api(post("/api/crises").contentType(MediaType.APPLICATION_JSON).content("{\"caseNumber\":\"" + caseNumber + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(crisis.id()));
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(CrisisProcess.KEY)
                .processInstanceBusinessKey(caseNumber).count()).as("one crisis per complaint").isEqualTo(1);

        now("2034-04-11T13:09:00Z");
        scenarios.complete(acknowledge, "duty-commander", Map.of("commandNote", "已组建现场小组"));
        scenarios.complete(task(response, "Task_DraftStatement"), "pr-officer", Map.of("statement", "我们高度重视……"));
        scenarios.complete(task(response, "Task_ReviewStatement"), "legal-officer", Map.of("legalDecision", "ok"));
        scenarios.complete(task(response, "Task_ApproveStatement"), "duty-commander",
                Map.of("approvalDecision", "approve"));
        scenarios.complete(task(response, "Task_ContactCustomer"), "manager",
                Map.of("contactNote", "副总经理致电客户，承诺 24 小时内上门检测"));
        scenarios.complete(task(response, "Task_LogRegulatorLiaison"), "legal-officer",
                Map.of("liaisonNote", "已向区市场监管局报备"));

        Task review = task(response, "Task_ReviewCrisis");
        assertThat(review.getAssignee()).as("the commander reviews").isEqualTo("duty-commander");
        scenarios.complete(review, "duty-commander", Map.of("findings", "漏电源于一批次温控器缺陷",
                "improvements", "该批次召回；来料检验增加耐压测试"));

        assertThat(response).isEnded();
        assertThat(response).hasPassed("Task_PublishStatement", "Gateway_CustomerDone", "Task_HandOverToPdca",
                "EndEvent_CrisisClosed");
        Crisis done = crises.find(crisis.id()).orElseThrow();
        assertThat(done.commander()).isEqualTo("duty-commander");
        assertThat(done.acknowledgedAt()).isEqualTo(Instant.parse("2034-04-11T13:09:00Z"));
        assertThat(done.statementPublishedAt()).isNotNull();
        assertThat(done.customerContactNote()).contains("上门检测");
        assertThat(done.regulatorLiaison()).contains("报备");
        assertThat(done.endedAt()).isNotNull();
        PdcaHandover handover = pdca.find(PdcaHandover.CRISIS, caseNumber).orElseThrow();
        assertThat(handover.improvements()).contains("召回");
        assertThat(handover.title()).isEqualTo("危机复盘：危机投诉 " + caseNumber + "：热水器漏电");
        assertThat(handover.pickedUpBy()).as("a PDCA review took it over").isEqualTo("pdca-review");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("pdca-review")
                .variableValueEquals("handoverId", handover.id()).variableValueEquals("trigger", "crisis").count())
                .isEqualTo(1);
        api(get("/api/pdca/handovers")).andExpect(jsonPath("$[?(@.sourceRef == '" + caseNumber + "')]").isEmpty());
        api(post("/api/pdca/handovers/" + handover.id() + "/pickup")).andExpect(status().isConflict());
        api(get("/api/crises/" + crisis.id())).andExpect(jsonPath("$.log[*].kind").value(org.hamcrest.Matchers.contains(
                "DECLARED", "ACKNOWLEDGED", "STATEMENT_DRAFTED", "LEGAL_REVIEW", "STATEMENT_DECIDED",
                "STATEMENT_PUBLISHED", "CUSTOMER_CONTACTED", "REGULATOR_LIAISON", "REVIEWED", "HANDED_OVER")));
        assertThat(scenarios.timelineKinds(caseNumber).stream().filter("CRISIS"::equals).count()).isEqualTo(10);
    }

    @Test
    void whenTheCommanderDoesNotAcknowledgeInTimeTheNextLevelIsCalledAndKeptCalled() throws Exception {
        now("2034-05-01T16:00:00Z"); // midnight of a public holiday in Shanghai
        String response = api(post("/api/crises").contentType(MediaType.APPLICATION_JSON).content("""
                {"title":"网传产品致癌谣言","description":"某短视频平台流传我司净水器滤芯致癌的视频"}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.source").value("MANUAL"))
                .andReturn().getResponse().getContentAsString();
        Crisis crisis = crises.find(json.readTree(response).get("id").asLong()).orElseThrow();
        assertThat(crisis.businessKey()).isEqualTo("CRISIS-" + crisis.id());
        ProcessInstance process = crisisProcess(crisis);
        assertThat(process).as("no complaint, no customer to contact").isWaitingAt("Task_AcknowledgeCommand",
                "Task_DraftStatement", "Task_LogRegulatorLiaison");
        assertThat(process).hasPassed("Gateway_CustomerDone");

        readiness.fire(process.getId(), "Event_AcknowledgeOverdue");
        Task secondCall = task(process, "Task_AcknowledgeCommand");
        assertThat(candidateGroups(secondCall)).containsExactlyInAnyOrder("emergency-group", "emergency-senior");
        assertThat(secondCall.getDueDate().toInstant()).isEqualTo(Instant.parse("2034-05-01T16:30:00Z"));
        assertThat(crises.find(crisis.id()).orElseThrow().commandLevel()).isEqualTo(2);
        readiness.sendMails(crisis.businessKey());
        assertThat(readiness.mailsTo("senior-leader")).extracting(ReadinessScenarios::subject)
                .containsExactly("【危机响应】网传产品致癌谣言 —— 请在 2034-05-02 00:30 前确认指挥");

        readiness.fire(process.getId(), "Event_AcknowledgeOverdue");
        assertThat(candidateGroups(task(process, "Task_AcknowledgeCommand")))
                .as("the last level is called again").containsExactlyInAnyOrder("emergency-group", "emergency-senior");
        assertThat(crises.log(crisis.id())).extracting(CrisisEvent::kind)
                .containsSubsequence("DECLARED", "NOT_ACKNOWLEDGED", "NOT_ACKNOWLEDGED");
        scenarios.complete(task(process, "Task_AcknowledgeCommand"), "senior-leader", Map.of());
        assertThat(crises.find(crisis.id()).orElseThrow().commander()).isEqualTo("senior-leader");

        // the statement goes back from legal, then from the emergency group, before it is published
        scenarios.complete(task(process, "Task_DraftStatement"), "pr-officer", Map.of("statement", "初稿"));
        scenarios.complete(task(process, "Task_ReviewStatement"), "legal-officer",
                Map.of("legalDecision", "revise", "legalNote", "不得承诺赔偿"));
        Task redraft = task(process, "Task_DraftStatement");
        assertThat(forms.getTaskFormVariables(redraft.getId())).containsEntry("statement", "初稿")
                .containsEntry("legalNote", "不得承诺赔偿");
        assertThatThrownBy(() -> scenarios.complete(redraft, "pr-officer", Map.of("statement", " ")))
                .hasMessageContaining("声明内容为必填项");
        scenarios.complete(task(process, "Task_DraftStatement"), "pr-officer", Map.of("statement", "二稿"));
        scenarios.complete(task(process, "Task_ReviewStatement"), "legal-officer", Map.of("legalDecision", "ok"));
        scenarios.complete(task(process, "Task_ApproveStatement"), "senior-leader",
                Map.of("approvalDecision", "reject", "approvalNote", "语气过硬"));
        scenarios.complete(task(process, "Task_DraftStatement"), "pr-officer", Map.of("statement", "三稿"));
        scenarios.complete(task(process, "Task_ReviewStatement"), "legal-officer", Map.of("legalDecision", "ok"));
        scenarios.complete(task(process, "Task_ApproveStatement"), "senior-leader", Map.of("approvalDecision", "approve"));
        assertThat(crises.find(crisis.id()).orElseThrow().statement()).isEqualTo("三稿");

        scenarios.complete(task(process, "Task_LogRegulatorLiaison"), "legal-officer", Map.of("liaisonNote", "无需报备"));
        scenarios.complete(task(process, "Task_ReviewCrisis"), "senior-leader",
                Map.of("findings", "谣言源于竞品营销号", "improvements", "建立舆情 7×24 监测"));
        assertThat(process).isEnded();
        assertThat(process).hasPassed("Task_CallNextLevel");
        assertThat(pdca.find(PdcaHandover.CRISIS, crisis.businessKey())).isPresent();
    }

    @Test
    void raisingAComplaintToG4InTheCentersReviewStartsItsCrisis() {
        String caseNumber = scenarios.file(TestScenarios.request("app", "safety", "插头发烫", "使用时插头发烫"));
        assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G3);
        assertThat(crises.forCase(caseNumber)).isEmpty();

        scenarios.complete(caseNumber, "Task_ReviewTriage", "center", Map.of("category", "safety", "grade", "G4",
                "departments", FormValues.jsonList(List.of("quality", "pr"))));
        Crisis crisis = crises.forCase(caseNumber).orElseThrow();
        assertThat(crisis.declaredBy()).isEqualTo("center");
        assertThat(crisisProcess(crisis)).isWaitingAt("Task_AcknowledgeCommand", "Task_DraftStatement",
                "Task_ContactCustomer", "Task_LogRegulatorLiaison");
    }

    @Test
    void aCrisisIsDeclaredFromTasklistsStartForm() {
        identity.setAuthentication("duty-commander", java.util.List.of("emergency-group")); // as Tasklist does
        String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey(CrisisProcess.KEY)
                .latestVersion().singleResult().getId();
        assertThatThrownBy(() -> forms.submitStartForm(definitionId, Map.of("crisisDescription", "没有名称")))
                .hasMessageContaining("crisisTitle（危机名称）：必填"); // the start form's own rule (formguard)

        ProcessInstance process = forms.submitStartForm(definitionId,
                Map.of("crisisTitle", "门店火灾", "crisisDescription", "某门店仓库起火，无人员伤亡"));
        identity.clearAuthentication(); // what follows is the test looking, not the commander
        Crisis crisis = crises.find(((Number) runtime.getVariable(process.getId(), "crisisId")).longValue())
                .orElseThrow();
        assertThat(crisis.declaredBy()).isEqualTo("duty-commander");
        assertThat(crisis.source()).isEqualTo("MANUAL");
        assertThat(process.getBusinessKey()).as("set once the crisis is recorded").isEqualTo("CRISIS-" + crisis.id());
        assertThat(crisisProcess(crisis)).isWaitingAt("Task_AcknowledgeCommand", "Task_DraftStatement",
                "Task_LogRegulatorLiaison");
    }

    /** Every API call of this test goes through here (authentication is added in one place when it comes). */
    private ResultActions api(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request);
    }

    private ProcessInstance crisisProcess(Crisis crisis) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(CrisisProcess.KEY)
                .processInstanceBusinessKey(crisis.businessKey()).singleResult();
    }

    private Task task(ProcessInstance process, String key) {
        return tasks.createTaskQuery().processInstanceId(process.getId()).taskDefinitionKey(key).singleResult();
    }

    private List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream().filter(l -> l.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }
}
