package io.complaintflow.mass;

import static io.complaintflow.ReadinessScenarios.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.ReadinessScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.complaint.Grade;
import io.complaintflow.complaint.TimelineEntry;
import io.complaintflow.crisis.Crises;
import io.complaintflow.crisis.Crisis;
import io.complaintflow.crisis.CrisisProcess;
import io.complaintflow.engine.FormValues;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * Many customers, one issue: complaints about one product within a day become a mass incident, are raised to the
 * grade its size calls for (G3, and G4 with one crisis response from 20 on), and take the answer decided once —
 * each still answered, closed and called back on its own.
 */
@ComplaintFlowTest
class MassIncidentTest {

    @Autowired ProcessEngine engine;
    @Autowired MockMvc mvc;
    @Autowired TestScenarios scenarios;
    @Autowired ReadinessScenarios readiness;
    @Autowired MassIncidents incidents;
    @Autowired Crises crises;
    @Autowired DeadlineService deadlines;
    @Autowired ComplaintRepository complaints;
    @Autowired RuntimeService runtime;
    @Autowired FormService forms;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void fiveComplaintsAboutOneProductWithinADayBecomeOneIncidentRaisedToG3() throws Exception {
        String product = "智能门锁 L7-" + TestScenarios.uniquePhone();
        Instant start = now("2033-05-10T02:00:00Z");
        List<String> first = file(4, product, start);
        assertThat(first).allSatisfy(c -> assertThat(scenarios.complaint(c).grade()).isEqualTo(Grade.G1));
        assertThat(incidents.ofComplaint(first.get(0))).isEmpty();
        file(1, "智能门锁 L8-" + TestScenarios.uniquePhone(), start.plus(Duration.ofHours(3)));

        String fifth = file(1, product, start.plus(Duration.ofHours(23))).get(0);
        MassIncident incident = incidents.ofComplaint(fifth).orElseThrow();
        List<String> expected = new ArrayList<>(first);
        expected.add(fifth);
        assertThat(incident.members()).containsExactlyElementsOf(expected);
        assertThat(incident.grade()).isEqualTo(Grade.G3);
        for (String member : first) {
            assertThat(scenarios.complaint(member).grade()).isEqualTo(Grade.G3);
            assertThat(runtime.getVariable(lifecycle(member).getId(), ComplaintProcess.GRADE)).isEqualTo("G3");
            assertThat(runtime.getVariable(lifecycle(member).getId(), "massIncident")).isEqualTo(incident.label());
            assertThat(summaries(member)).contains("与同类投诉归并为群体事件 " + incident.label() + "：24 小时内同一产品「"
                    + product + "」5 件", "群体事件 " + incident.label() + " 已达 5 件，等级由 G1 升至 G3");
        }
        assertThat(scenarios.complaint(fifth).grade()).as("graded by complaint-grading").isEqualTo(Grade.G3);
        assertThat(lifecycle(fifth)).isWaitingAt("Task_ReviewTriage");

        String sixth = file(1, product, start.plus(Duration.ofHours(30))).get(0);
        assertThat(incidents.find(incident.id()).orElseThrow().members()).hasSize(6).contains(sixth);
        assertThat(summaries(sixth)).contains("并入群体事件 " + incident.label() + "（同一产品「" + product + "」，共 6 件）");

        api(get("/api/mass-incidents/" + incident.id())).andExpect(jsonPath("$.members.length()").value(6))
                .andExpect(jsonPath("$.grade").value("G3"));
        api(get("/api/mass-incidents").param("from", "2033-05-10").param("to", "2033-05-11"))
                .andExpect(jsonPath("$[?(@.id == " + incident.id() + ")].product").value(product));
        api(get("/api/complaints/" + first.get(0)))
                .andExpect(jsonPath("$.timeline[?(@.kind == 'MASS_INCIDENT')].summary").isNotEmpty());
    }

    @Test
    void complaintsMoreThanADayApartAreNotGrouped() {
        String product = "空气炸锅 F2-" + TestScenarios.uniquePhone();
        Instant start = now("2033-05-20T02:00:00Z");
        file(4, product, start);
        String late = file(1, product, start.plus(Duration.ofHours(26))).get(0);
        assertThat(incidents.ofComplaint(late)).isEmpty();
        assertThat(scenarios.complaint(late).grade()).isEqualTo(Grade.G1);
    }

    @Test
    void anIncidentClosesWhenAWholeDayPassesWithoutAnotherComplaint() {
        String product = "扫地机器人 R5-" + TestScenarios.uniquePhone();
        Instant start = now("2033-05-25T02:00:00Z");
        List<String> wave = file(5, product, start);
        MassIncident first = incidents.ofComplaint(wave.get(0)).orElseThrow();
        String sameDay = file(1, product, start.plus(Duration.ofHours(20))).get(0);
        assertThat(incidents.ofComplaint(sameDay).orElseThrow().id()).isEqualTo(first.id());

        String nextWeek = file(1, product, start.plus(Duration.ofDays(7))).get(0);
        assertThat(incidents.ofComplaint(nextWeek)).isEmpty();
        assertThat(incidents.find(first.id()).orElseThrow().status()).isEqualTo("CLOSED");
        assertThat(scenarios.complaint(nextWeek).grade()).isEqualTo(Grade.G1);
    }

    @Test
    void twentyComplaintsMakeItACrisisWithOneResponseForTheWholeIncident() {
        String product = "电动自行车电池 B9-" + TestScenarios.uniquePhone();
        Instant start = now("2033-06-01T02:00:00Z");
        List<String> members = file(19, product, start);
        MassIncident incident = incidents.ofComplaint(members.get(0)).orElseThrow();
        assertThat(incident.grade()).isEqualTo(Grade.G3);
        assertThat(crises.forIncident(incident.id())).isEmpty();

        String twentieth = file(1, product, start.plus(Duration.ofMinutes(30))).get(0);
        assertThat(scenarios.complaint(twentieth).grade()).isEqualTo(Grade.G4);
        assertThat(incidents.find(incident.id()).orElseThrow().grade()).isEqualTo(Grade.G4);
        assertThat(members).allSatisfy(c -> assertThat(scenarios.complaint(c).grade()).isEqualTo(Grade.G4));

        Crisis crisis = crises.forIncident(incident.id()).orElseThrow();
        assertThat(crisis.source()).isEqualTo(Crisis.MASS_INCIDENT);
        assertThat(crisis.businessKey()).isEqualTo("CRISIS-" + crisis.id());
        assertThat(crises.forCase(twentieth)).as("no crisis of its own for a member").isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(CrisisProcess.KEY)
                .variableValueEquals("massIncidentId", incident.id()).count()).isEqualTo(1);
        ProcessInstance response = runtime.createProcessInstanceQuery().processDefinitionKey(CrisisProcess.KEY)
                .processInstanceBusinessKey(crisis.businessKey()).singleResult();
        assertThat(response).isWaitingAt("Task_AcknowledgeCommand", "Task_DraftStatement", "Task_ContactCustomer",
                "Task_LogRegulatorLiaison");
        String draftTask = engine.getTaskService().createTaskQuery().processInstanceId(response.getId())
                .taskDefinitionKey("Task_DraftStatement").singleResult().getId();
        Map<String, Object> form = forms.getTaskFormVariables(draftTask);
        assertThat(form.get("complaintSummary").toString()).contains("群体事件：" + incident.label(), "关联投诉：20 件");
        assertThat(form.get("timelineText").toString()).contains(members.get(0), twentieth);
        assertThat(summaries(members.get(3))).contains("群体事件 " + incident.label() + " 危机响应：启动危机响应："
                + "群体事件 " + incident.label() + "：" + product);
        readiness.deleteRunning(CrisisProcess.KEY);
    }

    @Test
    void theAnswerDecidedOnceGoesToEveryLinkedComplaintEachStillClosedAndCalledBackOnItsOwn() throws Exception {
        String product = "智能门锁 L9-" + TestScenarios.uniquePhone();
        Instant start = now("2033-07-05T02:00:00Z"); // Tuesday 10:00
        List<String> members = file(5, product, start);
        long incidentId = incidents.ofComplaint(members.get(0)).orElseThrow().id();
        String first = members.get(0);
        String second = members.get(1);
        String third = members.get(2);
        scenarios.complete(members.get(4), "Task_ReviewTriage", "center", Map.of("category", "product-quality",
                "grade", "G3", "departments", FormValues.jsonList(List.of("quality"))));

        // the center answers one complaint for the whole incident
        scenarios.propose(first, "quality", "quality", "该批次锁芯存在缺陷");
        scenarios.complete(first, "Task_AnswerCustomer", "center", Map.of("answer", "免费更换新锁芯并补偿 100 元",
                "compensation", 100, "applyToIncident", true));
        assertThat(incidents.find(incidentId).orElseThrow().answer()).isEqualTo("免费更换新锁芯并补偿 100 元");
        assertThat(lifecycle(first)).isWaitingAt("Task_ConfirmWithCustomer");

        // the others leave their departments and get the answer as their draft
        for (String member : members.subList(1, 5)) {
            ProcessInstance lifecycle = lifecycle(member);
            assertThat(lifecycle).isWaitingAt("Task_AnswerCustomer").hasPassed("Event_IncidentAnswered",
                    "Task_AdoptIncidentAnswer");
            assertThat(runtime.getVariable(lifecycle.getId(), "answer")).isEqualTo("免费更换新锁芯并补偿 100 元");
            assertThat(scenarios.departmentTask(member, "quality")).isNull();
            assertThat(deadlines.find(member, Deadline.department("quality")).orElseThrow().stoppedAt()).isNotNull();
            assertThat(summaries(member)).contains("群体事件 MI-" + incidentId + " 统一答复已确定",
                    "采用群体事件 MI-" + incidentId + " 的统一答复，各部门无需另行处理");
        }

        // each is still answered, closed and called back on its own
        scenarios.complete(second, "Task_AnswerCustomer", "center",
                Map.of("answer", "免费更换新锁芯并补偿 100 元", "compensation", 100));
        scenarios.complete(second, "Task_ConfirmWithCustomer", "center", TestScenarios.closing(Map.of("customerDecision", "accept")));
        assertThat(scenarios.complaint(second).status()).isEqualTo(ComplaintStatus.CLOSED);
        execute(job(lifecycle(second)));
        scenarios.complete(second, "Task_SatisfactionCallback", "center",
                Map.of("satisfactionScore", "4", "problemResolved", "yes"));
        assertThat(lifecycle(second)).isNull();
        assertThat(scenarios.complaint(first).status()).isEqualTo(ComplaintStatus.RESOLVED);

        // a customer who does not accept the common answer is handled by the department again
        scenarios.complete(third, "Task_AnswerCustomer", "center", Map.of("answer", "免费更换新锁芯并补偿 100 元",
                "compensation", 100));
        scenarios.complete(third, "Task_ConfirmWithCustomer", "center",
                Map.of("customerDecision", "reject", "customerWords", "我要退货"));
        assertThat(scenarios.departmentTask(third, "quality")).isNotNull();

        // one who joins after the answer takes it straight after the center's review
        String latecomer = file(1, product, start.plus(Duration.ofHours(5))).get(0);
        assertThat(lifecycle(latecomer)).isWaitingAt("Task_ReviewTriage");
        scenarios.complete(latecomer, "Task_ReviewTriage", "center", Map.of("category", "product-quality",
                "grade", "G3", "departments", FormValues.jsonList(List.of("quality"))));
        assertThat(lifecycle(latecomer)).isWaitingAt("Task_AnswerCustomer").hasPassed("Gateway_ToAdopt")
                .hasNotPassed("Activity_DepartmentHandling");
        assertThat(runtime.getVariable(lifecycle(latecomer).getId(), "answer")).isEqualTo("免费更换新锁芯并补偿 100 元");
    }

    @Test
    void managersCanDecideTheIncidentsAnswerThroughTheApi() throws Exception {
        String product = "净水器滤芯 W3-" + TestScenarios.uniquePhone();
        List<String> members = file(5, product, now("2033-08-02T02:00:00Z"));
        long incidentId = incidents.ofComplaint(members.get(0)).orElseThrow().id();

        api(post("/api/mass-incidents/" + incidentId + "/answer").contentType(MediaType.APPLICATION_JSON)
                .content("{\"answer\":\" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("answer"));
        api(post("/api/mass-incidents/" + incidentId + "/answer").contentType(MediaType.APPLICATION_JSON)
                .content("{\"answer\":\"该批次滤芯免费更换\",\"compensation\":0}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.answer").value("该批次滤芯免费更换"));
        assertThat(lifecycle(members.get(0))).isWaitingAt("Task_AnswerCustomer");
        assertThat(lifecycle(members.get(4))).as("the center still reviews it first").isWaitingAt("Task_ReviewTriage");
        api(post("/api/mass-incidents/999999/answer").contentType(MediaType.APPLICATION_JSON)
                .content("{\"answer\":\"x\"}")).andExpect(status().isNotFound());
    }

    /** Every API call of this test goes through here (authentication is added in one place when it comes). */
    private ResultActions api(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request);
    }

    private List<String> file(int count, String product, Instant from) {
        List<String> filed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            now(from.plus(Duration.ofMinutes(i)).toString());
            filed.add(scenarios.file(new ComplaintRequest("hotline", null, null, null,
                    new CustomerRequest("客户" + i, TestScenarios.uniquePhone(), null, null, false), "product-quality",
                    product, "门锁故障", "门锁无法正常开启", null, null, false, null)));
        }
        return filed;
    }

    private ProcessInstance lifecycle(String caseNumber) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .processDefinitionKey(ComplaintProcess.KEY).singleResult();
    }

    private List<String> summaries(String caseNumber) {
        return complaints.timeline(caseNumber).stream().map(TimelineEntry::summary).toList();
    }
}
