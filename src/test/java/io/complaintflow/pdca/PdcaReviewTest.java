package io.complaintflow.pdca;

import static io.complaintflow.ReadinessScenarios.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.ReadinessScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintStatus;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
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
 * PDCA: the closure's root cause, the taxonomy and answer scripts, and pdca-review on a controlled clock — a cycle
 * with one action that worked (standardized into a new script version) and one that did not (carried into the next
 * cycle's plan), before/after figures checked against complaints seeded at known times, the monthly timer, a
 * crisis handover, and an empty plan.
 */
@ComplaintFlowTest
class PdcaReviewTest {

    @Autowired ProcessEngine engine;
    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired TestScenarios scenarios;
    @Autowired ReadinessScenarios readiness;
    @Autowired RuntimeService runtime;
    @Autowired io.complaintflow.notification.MailOutbox outbox;
    @Autowired TaskService tasks;
    @Autowired FormService forms;
    @Autowired IdentityService identity;
    @Autowired ManagementService management;
    @Autowired RepositoryService repository;
    @Autowired PdcaCycles cycles;
    @Autowired PdcaHandovers handovers;
    @Autowired AnswerScripts scripts;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void cleanUp() {
        identity.clearAuthentication();
        ClockUtil.reset();
        // the department groups are shared: other tests count the mails their members get
        for (String user : List.of("pdca-quality", "pdca-quality-lead")) {
            identity.deleteUser(user);
        }
    }

    @Test
    void aComplaintClosesOnlyWithARootCauseFromTheTaxonomy() {
        String caseNumber = scenarios.file(TestScenarios.firstContact("billing", "已当场解释账单"));
        Task confirm = scenarios.task(caseNumber, "Task_ConfirmWithCustomer");

        assertThatThrownBy(() -> scenarios.complete(confirm, "center", Map.of("customerDecision", "accept")))
                .hasMessageContaining("根本原因为必填项");
        assertThatThrownBy(() -> scenarios.complete(confirm, "center", TestScenarios.closing(Map.of(
                "customerDecision", "accept", "closureRootCause", "bad-luck"))))
                .hasMessageContaining("根本原因「bad-luck」不在原因分类中");
        assertThatThrownBy(() -> scenarios.complete(confirm, "center", TestScenarios.closing(Map.of(
                "customerDecision", "accept", "responsibleDepartment", "kitchen"))))
                .hasMessageContaining("责任部门须为");
        assertThat(scenarios.complaint(caseNumber).status()).as("nothing closed").isNotEqualTo(ComplaintStatus.CLOSED);
        assertThat(runtime.getVariable(confirm.getProcessInstanceId(), PdcaCaseFile.ROOT_CAUSE_OPTIONS).toString())
                .as("the form's root-cause options come from the taxonomy").contains("\"value\":\"supplier\"", "供应商问题");

        scenarios.complete(confirm, "center", TestScenarios.closing(Map.of("customerDecision", "accept",
                "closureRootCause", "communication", "responsibleDepartment", "billing", "preventable", "no")));

        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.CLOSED);
        assertThat(jdbc.sql("select root_cause, responsible_department, preventable from complaint"
                        + " where case_number = ?").param(caseNumber)
                .query((rs, i) -> rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getBoolean(3)).single())
                .isEqualTo("communication/billing/false");
        assertThat(scenarios.complaint(caseNumber).caseNumber()).isEqualTo(caseNumber);
    }

    @Test
    void processOwnersKeepTheRootCauseTaxonomy() throws Exception {
        api(get("/api/root-causes")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.code == 'supplier')].label").value("供应商问题"));
        api(post("/api/root-causes").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"packaging\",\"label\":\"包装问题\",\"description\":\"包装破损或不环保\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.updatedBy").value("demo"));
        api(post("/api/root-causes").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"packaging\",\"label\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("label", "code")));
        api(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/root-causes/packaging")
                .contentType(MediaType.APPLICATION_JSON).content("{\"label\":\"包装缺陷\",\"active\":false}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.label").value("包装缺陷"))
                .andExpect(jsonPath("$.active").value(false));
        api(get("/api/root-causes")).andExpect(jsonPath("$[?(@.code == 'packaging')]").isEmpty());
        api(get("/api/root-causes").param("includeRetired", "true"))
                .andExpect(jsonPath("$[?(@.code == 'packaging')].label").value("包装缺陷"));
        api(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/root-causes/nothing")
                .contentType(MediaType.APPLICATION_JSON).content("{\"label\":\"无\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void answerScriptsAreVersionedPerCategoryAndShownInTheCaseFile() throws Exception {
        String caseNumber = scenarios.routine("privacy");
        ProcessInstance lifecycle = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .processDefinitionKey("complaint-handling").singleResult();
        api(get("/api/complaints/" + caseNumber + "/reference"))
                .andExpect(jsonPath("$." + PdcaCaseFile.SCRIPT).value("本类别暂无应答口径"));

        api(post("/api/answer-scripts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"category\":\"privacy\",\"title\":\"个人信息泄露\",\"body\":\"先致歉，说明已冻结相关账号。\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(1));
        api(post("/api/answer-scripts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"category\":\"privacy\",\"title\":\"个人信息泄露（修订）\",\"body\":\"先致歉；告知调查进度与补救措施。\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(2));
        api(post("/api/answer-scripts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"category\":\"weather\",\"title\":\"\",\"body\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("category", "title")));
        api(get("/api/answer-scripts").param("category", "privacy"))
                .andExpect(jsonPath("$[*].version").value(org.hamcrest.Matchers.contains(2, 1)))
                .andExpect(jsonPath("$[0].createdBy").value("demo"));
        api(get("/api/answer-scripts").param("current", "true"))
                .andExpect(jsonPath("$[?(@.category == 'privacy')].version").value(org.hamcrest.Matchers.contains(2)));
        api(get("/api/answer-scripts").param("category", "weather")).andExpect(status().isBadRequest());

        // running complaints of the category show the new version: the handlers read it in the 案卷 tab, from the
        // record; neither the lifecycle nor the department's part holds a copy (issue #19)
        api(get("/api/complaints/" + caseNumber + "/reference")).andExpect(jsonPath("$." + PdcaCaseFile.SCRIPT)
                .value("【个人信息泄露（修订）】（第 2 版）\n先致歉；告知调查进度与补救措施。"));
        assertThat(runtime.getVariable(lifecycle.getId(), PdcaCaseFile.SCRIPT)).isNull();
        Task department = scenarios.departmentTask(caseNumber, departmentOf(caseNumber));
        assertThat(runtime.getVariable(department.getProcessInstanceId(), PdcaCaseFile.SCRIPT)).isNull();
    }

    /** The whole loop on the clock of 2037: plan two actions, one works and is standardized, one is carried over. */
    @Test
    void aCycleMeasuresEachActionBeforeAndAfterStandardizesWhatWorkedAndCarriesOverWhatDidNot() throws Exception {
        // before the actions: four billing complaints, two closures caused by a supplier
        now("2037-02-10T02:00:00Z");
        for (int i = 0; i < 4; i++) {
            scenarios.routine("billing");
        }
        now("2037-02-12T02:00:00Z");
        closeWithCause("delivery", "supplier", 2);

        now("2037-03-02T02:00:00Z");
        String body = api(post("/api/reviews").contentType(MediaType.APPLICATION_JSON)
                .content("{\"periodFrom\":\"2037-02-01\",\"periodTo\":\"2037-02-28\",\"note\":\"二月复盘\"}"))
                .andExpect(status().isCreated()).andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.trigger").value("manual"))
                .andExpect(jsonPath("$.status").value("PLANNING"))
                .andReturn().getResponse().getContentAsString();
        long cycleId = json.readTree(body).get("id").asLong();
        ProcessInstance review = review(cycleId);
        assertThat(review).isWaitingAt("Task_PlanActions");
        assertThat(review.getBusinessKey()).isEqualTo("PDCA-" + cycleId);
        String analysis = (String) runtime.getVariable(review.getId(), "analysisText");
        assertThat(analysis).contains("分析期间：2037-02-01 至 2037-02-28", "受理 6 件，结案 2 件", "计费账单 4",
                "供应商问题 2（可预防 2）", "发起说明：二月复盘");

        Task plan = task(review, "Task_PlanActions");
        Map<String, Object> actions = new HashMap<>(Map.of(
                "action1Department", "billing", "action1Text", "续费前短信提醒并在账单中标明续费金额",
                "action1Due", "2037-03-06", "action1Figure", "category:billing",
                "action2Department", "quality", "action2Text", "供应商来料加严检验",
                "action2Due", "2037-03-10", "action2Figure", "root-cause:supplier"));
        Map<String, Object> wrongFigure = new HashMap<>(actions);
        wrongFigure.put("action2Figure", "root-cause:weather");
        assertThatThrownBy(() -> scenarios.complete(plan, "owner", wrongFigure))
                .hasMessageContaining("第 2 项措施：衡量指标「root-cause:weather」不在指标清单中");
        Map<String, Object> past = new HashMap<>(actions);
        past.put("action1Due", "2037-03-01");
        assertThatThrownBy(() -> scenarios.complete(plan, "owner", past))
                .hasMessageContaining("第 1 项措施：完成期限不能早于今天");
        scenarios.complete(plan, "owner", actions);

        List<PdcaAction> planned = cycles.actions(cycleId);
        assertThat(planned).extracting(PdcaAction::figureLabel)
                .containsExactly("类别「计费账单」投诉件数（每 30 天）", "根本原因「供应商问题」结案件数（每 30 天）");
        PdcaAction billing = planned.get(0);
        PdcaAction supplier = planned.get(1);
        Task billingTask = actionTask(review, "Task_CarryOutAction", billing.id());
        Task qualityTask = actionTask(review, "Task_CarryOutAction", supplier.id());
        assertThat(groups(billingTask)).containsExactly("dept-billing");
        assertThat(qualityTask.getDueDate().toInstant()).as("end of 10 March in Shanghai")
                .isEqualTo(Instant.parse("2037-03-10T16:00:00Z"));
        assertThat((String) tasks.getVariable(qualityTask.getId(), "actionSummary")).contains("供应商来料加严检验", "质量部");

        // billing is done in time
        now("2037-03-05T02:00:00Z");
        scenarios.complete(billingTask, "billing", Map.of("doneNote", "短信模板已上线"));
        // quality: reminded three days before, escalated to its lead when overdue, done a day late
        readiness.person("pdca-quality", "dept-quality");
        readiness.person("pdca-quality-lead", "dept-quality-lead");
        fire(review, "Event_ActionReminder", supplier.id(), Instant.parse("2037-03-07T16:00:00Z"));
        assertThat(mailTo(review, "PDCA 措施提醒")).contains("pdca-quality@example.com");
        assertThat(tasks.createTaskQuery().taskId(qualityTask.getId()).singleResult().getPriority()).isEqualTo(80);
        fire(review, "Event_ActionOverdue", supplier.id(), Instant.parse("2037-03-10T16:00:00Z"));
        assertThat(groups(qualityTask)).containsExactlyInAnyOrder("dept-quality", "dept-quality-lead");
        assertThat(mailTo(review, "PDCA 措施逾期")).contains("pdca-quality-lead@example.com")
                .doesNotContain("pdca-quality@");
        assertThat(cycles.action(supplier.id()).escalatedAt()).isEqualTo(Instant.parse("2037-03-10T16:00:00Z"));
        now("2037-03-11T02:00:00Z");
        assertThatThrownBy(() -> scenarios.complete(qualityTask, "lead-quality", Map.of()))
                .hasMessageContaining("完成情况为必填项");
        scenarios.complete(qualityTask, "lead-quality", Map.of("doneNote", "来料抽检比例提高到 20%"));

        assertThat(review).isWaitingAt("Event_ObservationEnds");
        assertThat(readiness.timer(review.getId(), "Event_ObservationEnds").getDuedate().toInstant())
                .as("a 30-day observation window from the end of Do").isEqualTo(Instant.parse("2037-04-10T02:00:00Z"));

        // after: one billing complaint, three supplier closures
        now("2037-03-20T02:00:00Z");
        scenarios.routine("billing");
        now("2037-03-25T02:00:00Z");
        closeWithCause("delivery", "supplier", 3);
        readiness.fire(review.getId(), "Event_ObservationEnds");

        PdcaAction billingMeasured = cycles.action(billing.id());
        assertThat(billingMeasured.beforeFrom()).isEqualTo(Instant.parse("2037-02-09T02:00:00Z"));
        assertThat(billingMeasured.split()).isEqualTo(Instant.parse("2037-03-11T02:00:00Z"));
        assertThat(billingMeasured.afterTo()).isEqualTo(Instant.parse("2037-04-10T02:00:00Z"));
        assertThat(billingMeasured.beforeValue()).isEqualTo(4.0);
        assertThat(billingMeasured.afterValue()).isEqualTo(1.0);
        assertThat(cycles.action(supplier.id()).beforeValue()).isEqualTo(2.0);
        assertThat(cycles.action(supplier.id()).afterValue()).isEqualTo(3.0);

        Task judgeBilling = actionTask(review, "Task_JudgeAction", billing.id());
        assertThat((String) tasks.getVariable(judgeBilling.getId(), "actionSummary"))
                .contains("之前（2037-02-09 起）：4.0", "之后（至 2037-04-10）：1.0（改善）", "短信模板已上线");
        assertThat((String) tasks.getVariable(actionTask(review, "Task_JudgeAction", supplier.id()).getId(),
                "actionSummary")).contains("：2.0", "：3.0（变差）");
        scenarios.complete(judgeBilling, "owner", Map.of("verdict", "effective", "verdictNote", "投诉明显下降"));
        scenarios.complete(actionTask(review, "Task_JudgeAction", supplier.id()), "owner",
                Map.of("verdict", "ineffective", "verdictNote", "供应商问题反而增多"));

        Task standardize = actionTask(review, "Task_StandardizeScript", billing.id());
        assertThat(tasks.getVariable(standardize.getId(), "scriptCategory")).isEqualTo("billing");
        scenarios.complete(standardize, "owner", Map.of("scriptCategory", "billing", "scriptTitle", "自动续费扣费",
                "scriptBody", "说明续费前已短信提醒；核实后可办理退订并退还当期费用。"));

        assertThat(review).isEnded();
        assertThat(review).hasPassed("Task_RemindAction", "Task_EscalateAction", "Task_MeasureActions",
                "Task_StandardizeScript", "Task_CarryOverAction", "Task_CloseCycle", "EndEvent_CycleClosed");
        AnswerScript script = scripts.current("billing").orElseThrow();
        assertThat(script.sourceCycleId()).isEqualTo(cycleId);
        assertThat(script.createdBy()).isEqualTo("owner");
        assertThat(script.title()).isEqualTo("自动续费扣费");

        api(get("/api/reviews/" + cycleId)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(jsonPath("$.actions[0].status").value("STANDARDIZED"))
                .andExpect(jsonPath("$.actions[0].verdict").value("effective"))
                .andExpect(jsonPath("$.actions[0].beforeValue").value(4.0))
                .andExpect(jsonPath("$.actions[0].afterValue").value(1.0))
                .andExpect(jsonPath("$.actions[0].scriptId").value((int) script.id()))
                .andExpect(jsonPath("$.actions[1].status").value("CARRIED_OVER"))
                .andExpect(jsonPath("$.actions[1].verdict").value("ineffective"))
                .andExpect(jsonPath("$.actions[1].remindedAt").exists());
        api(get("/api/reviews").param("from", "2037-03-01").param("to", "2037-03-31"))
                .andExpect(jsonPath("$[*].id").value(org.hamcrest.Matchers.hasItem((int) cycleId)));
        api(get("/api/reviews/999999")).andExpect(status().isNotFound());

        // the next cycle, started from Tasklist's start form: the action that did not work is in its plan
        now("2037-04-10T03:00:00Z");
        String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey(PdcaProcess.KEY)
                .latestVersion().singleResult().getId();
        identity.setAuthentication("owner", List.of("process-owners")); // as Tasklist does
        ProcessInstance next = forms.submitStartForm(definitionId, Map.of("periodFrom", "2037-03-11",
                "periodTo", "2037-04-09"));
        identity.clearAuthentication();
        long nextId = ((Number) runtime.getVariable(next.getId(), "cycleId")).longValue();
        assertThat(cycles.find(nextId).orElseThrow().trigger()).isEqualTo("manual");
        assertThat(cycles.find(nextId).orElseThrow().startedBy()).isEqualTo("owner");
        assertThat(runtime.getVariable(next.getId(), "action1Text")).isEqualTo("供应商来料加严检验");
        assertThat(runtime.getVariable(next.getId(), "action1Figure")).isEqualTo("root-cause:supplier");
        assertThat((String) runtime.getVariable(next.getId(), "carriedOverText")).contains("上轮 PDCA-" + cycleId);
        assertThat(cycles.action(supplier.id()).carriedToCycle()).isEqualTo(nextId);
        scenarios.complete(task(next, "Task_PlanActions"), "owner", Map.of("action1Due", "2037-04-30",
                "action1Text", "供应商来料加严检验，并对连续两批不合格的供应商停供整改"));
        PdcaAction carried = cycles.actions(nextId).get(0);
        assertThat(carried.carriedFrom()).isEqualTo(supplier.id());
        assertThat(carried.department()).isEqualTo("quality");
        assertThat(groups(actionTask(next, "Task_CarryOutAction", carried.id()))).containsExactly("dept-quality");
        api(get("/api/reviews/" + nextId)).andExpect(jsonPath("$.actions[0].carriedFrom").value((int) supplier.id()));
        runtime.deleteProcessInstance(next.getId(), "test done", true, true);
    }

    @Test
    void theMonthlyTimerStartsAReviewOfTheLastMonthAndAnEmptyPlanClosesIt() {
        Job monthly = management.createJobQuery().processDefinitionKey(PdcaProcess.KEY).timers().list().stream()
                .filter(j -> j.getProcessInstanceId() == null).findFirst().orElseThrow();
        Instant due = monthly.getDuedate().toInstant();
        var local = due.atZone(java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(local.getDayOfMonth()).as("the 1st of a month").isEqualTo(1);
        assertThat(local.getHour()).isEqualTo(9);

        ClockUtil.setCurrentTime(Date.from(due));
        management.executeJob(monthly.getId());

        ProcessInstance review = runtime.createProcessInstanceQuery().processDefinitionKey(PdcaProcess.KEY)
                .active().list().stream().filter(p -> "schedule".equals(runtime.getVariable(p.getId(), "trigger")))
                .findFirst().orElseThrow();
        PdcaCycle cycle = cycles.find(((Number) runtime.getVariable(review.getId(), "cycleId")).longValue())
                .orElseThrow();
        assertThat(cycle.startedBy()).isEqualTo("system");
        assertThat(cycle.periodFrom()).isEqualTo(local.toLocalDate().minusMonths(1));
        assertThat(cycle.periodTo()).isEqualTo(local.toLocalDate().minusDays(1));
        assertThat(management.createJobQuery().processDefinitionKey(PdcaProcess.KEY).timers().list().stream()
                .filter(j -> j.getProcessInstanceId() == null).findFirst().orElseThrow().getDuedate().toInstant())
                .as("and again next month").isEqualTo(local.plusMonths(1).toInstant());

        scenarios.complete(task(review, "Task_PlanActions"), "owner", blankPlan());
        assertThat(review).isEnded().hasPassed("Gateway_ToClose", "Task_CloseCycle")
                .hasNotPassed("Activity_CarryOutActions");
        assertThat(cycles.find(cycle.id()).orElseThrow().status()).isEqualTo("CLOSED");
        assertThat(cycles.actions(cycle.id())).isEmpty();
    }

    @Test
    void aCrisisHandedOverStartsAReviewThatPicksItUp() throws Exception {
        now("2038-06-15T02:00:00Z");
        PdcaHandover handover = handovers.handOver(PdcaHandover.CRISIS, "CRISIS-T-" + System.nanoTime(),
                "危机复盘：充电宝起火", "一批次电芯缺陷", "更换电芯供应商", "commander");
        assertThat(handovers.find(handover.id()).orElseThrow().pickedUpBy()).isEqualTo("pdca-review");
        ProcessInstance review = runtime.createProcessInstanceQuery().processDefinitionKey(PdcaProcess.KEY)
                .variableValueEquals("handoverId", handover.id()).singleResult();
        assertThat(review).isWaitingAt("Task_PlanActions");
        assertThat(runtime.getVariable(review.getId(), "trigger")).isEqualTo("crisis");
        assertThat((String) runtime.getVariable(review.getId(), "analysisText"))
                .contains("分析期间：2038-05-17 至 2038-06-15", "移交事项：危机复盘：充电宝起火", "改进建议：更换电芯供应商");
        api(post("/api/pdca/handovers/" + handover.id() + "/pickup")).andExpect(status().isConflict());

        Task plan = task(review, "Task_PlanActions");
        Map<String, Object> noDue = new HashMap<>(blankPlan());
        noDue.putAll(Map.of("action1Department", "quality", "action1Text", "更换电芯供应商",
                "action1Figure", "category:safety"));
        assertThatThrownBy(() -> scenarios.complete(plan, "owner", noDue)).hasMessageContaining("第 1 项措施的完成期限为必填项");
        scenarios.complete(plan, "owner", blankPlan());
        assertThat(review).isEnded();

        String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey(PdcaProcess.KEY)
                .latestVersion().singleResult().getId();
        assertThatThrownBy(() -> forms.submitStartForm(definitionId, Map.of("periodFrom", "2038-06-10",
                "periodTo", "2038-06-01"))).hasMessageContaining("分析期间：from 不能晚于 to");
        api(post("/api/reviews").contentType(MediaType.APPLICATION_JSON).content("{\"periodFrom\":\"June\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("periodFrom"));
    }

    private void closeWithCause(String category, String cause, int count) {
        for (int i = 0; i < count; i++) {
            String caseNumber = scenarios.file(TestScenarios.firstContact(category, "已处理"));
            scenarios.complete(caseNumber, "Task_ConfirmWithCustomer", "center", TestScenarios.closing(
                    Map.of("customerDecision", "accept", "closureRootCause", cause)));
        }
    }

    private static Map<String, Object> blankPlan() {
        Map<String, Object> values = new HashMap<>();
        for (int slot = 1; slot <= PdcaProcess.SLOTS; slot++) {
            values.put("action" + slot + "Text", "");
        }
        return values;
    }

    private String departmentOf(String caseNumber) {
        return scenarios.openTasks(caseNumber).stream().map(t -> tasks.getIdentityLinksForTask(t.getId()))
                .flatMap(List::stream).map(IdentityLink::getGroupId).filter(g -> g != null && g.startsWith("dept-"))
                .findFirst().orElseThrow().substring("dept-".length());
    }

    private ProcessInstance review(long cycleId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey("PDCA-" + cycleId).singleResult();
    }

    private Task task(ProcessInstance instance, String key) {
        return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
    }

    private Task actionTask(ProcessInstance instance, String key, long actionId) {
        return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key)
                .taskVariableValueEquals("actionId", actionId).singleResult();
    }

    private List<String> groups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
                .filter(g -> g != null).toList();
    }

    private void fire(ProcessInstance instance, String activityId, long actionId, Instant expectedDue) {
        Job job = management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers()
                .list().stream().filter(j -> Long.valueOf(actionId).equals(runtime.getVariable(j.getExecutionId(),
                        "actionId"))).findFirst().orElseThrow();
        assertThat(job.getDuedate().toInstant()).as(activityId).isEqualTo(expectedDue);
        ClockUtil.setCurrentTime(job.getDuedate());
        management.executeJob(job.getId());
    }

    /** The addresses of the review's queued mail of this purpose (the mail dispatcher sends it later). */
    private String mailTo(ProcessInstance review, String purpose) {
        var mail = outbox.ofBusinessKey(review.getBusinessKey()).stream().filter(m -> m.purpose().equals(purpose))
                .toList();
        assertThat(mail).as("a mail " + purpose).hasSize(1);
        return String.join(",", mail.get(0).recipients());
    }

    private ResultActions api(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request);
    }

}
