package io.complaintflow.campaign;

import static io.complaintflow.ReadinessScenarios.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.ReadinessScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.crisis.Crises;
import io.complaintflow.crisis.Crisis;
import io.complaintflow.crisis.CrisisProcess;
import io.complaintflow.pdca.PdcaHandover;
import io.complaintflow.pdca.PdcaHandovers;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * campaign-315 through a whole season with the engine clock: preparation, the battle (deadlines tighten), the
 * media watch on the evening of 15 March, the aftermath's regulator batches, the period report and PDCA.
 */
@ComplaintFlowTest
class Campaign315Test {

    @Autowired ProcessEngine engine;
    @Autowired MockMvc mvc;
    @Autowired TestScenarios scenarios;
    @Autowired ReadinessScenarios readiness;
    @Autowired CampaignPhase phase;
    @Autowired CampaignRuns runs;
    @Autowired CampaignCalendar calendar;
    @Autowired Crises crises;
    @Autowired PdcaHandovers pdca;
    @Autowired DeadlineService deadlines;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired FormService forms;
    @Autowired ManagementService management;
    @Autowired RepositoryService repository;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    private final List<String> filed = new java.util.ArrayList<>();

    /**
     * A campaign left running would tighten every later test's deadlines: end them all. The complaints filed in
     * 2019 would be open backlog in every later report period: close them.
     */
    @AfterEach
    void cleanUp() {
        readiness.deleteRunning(CampaignProcess.KEY);
        readiness.deleteRunning(CrisisProcess.KEY);
        jdbc.sql("update campaign_run set phase = 'none', ended_at = ? where ended_at is null")
                .param(Instant.now().atOffset(ZoneOffset.UTC)).update();
        for (String caseNumber : filed) {
            runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                    .processDefinitionKey(ComplaintProcess.KEY).list()
                    .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup", true, true));
            jdbc.sql("update complaint set status = 'CLOSED', closed_at = created_at where case_number = ?")
                    .param(caseNumber).update();
        }
        ClockUtil.reset();
    }

    private String routine(String category) {
        String caseNumber = scenarios.routine(category);
        filed.add(caseNumber);
        return caseNumber;
    }

    @Test
    void aWholeSeasonRunsOnTheClockAndEndsWithTheApprovedPeriodReportHandedToPdca() throws Exception {
        now("2019-02-01T02:00:00Z");
        String stale1 = routine("delivery");
        String stale2 = routine("billing");

        // Monday 25 February 2019, 09:00 in Shanghai: started by hand
        now("2019-02-25T01:00:00Z");
        api(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON).content("{\"year\":2019}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.run.phase").value("pre"))
                .andExpect(jsonPath("$.run.periodFrom").value("2019-02-25"))
                .andExpect(jsonPath("$.run.periodTo").value("2019-04-05"))
                .andExpect(jsonPath("$.dates.battleStarts").value("2019-03-10T16:00:00Z"));
        ProcessInstance campaign = campaign(2019);
        assertThat(campaign).isWaitingAt("Event_BattleStarts", "Task_ReviewBacklogCase", "Task_ReviewSensitiveTopics",
                "Task_ConfirmEmergencyRoster");
        assertThat(phase.current()).isEqualTo("pre");
        api(get("/api/campaigns/phase")).andExpect(jsonPath("$.label").value("备战期"));

        // preparation: the stale complaints become review work, each task showing its complaint
        List<Task> backlog = tasks(campaign, "Task_ReviewBacklogCase");
        assertThat(backlog).hasSize(2);
        assertThat(backlog).allSatisfy(t -> assertThat(t.getDueDate().toInstant())
                .isEqualTo(Instant.parse("2019-03-10T16:00:00Z")));
        for (Task t : backlog) {
            String caseNumber = (String) tasks.getVariable(t.getId(), "backlogCase");
            assertThat(caseNumber).isIn(stale1, stale2);
            // the 案卷 tab finds the complaint by the task's case number; no copy of the case in the task
            assertThat(tasks.getVariableLocal(t.getId(), "caseNumber")).isEqualTo(caseNumber);
            assertThat(forms.getTaskFormVariables(t.getId())).doesNotContainKeys("complaintSummary", "timelineText");
            scenarios.complete(t, "center", Map.of("backlogNote", "部门已承诺本周内答复"));
            assertThat(scenarios.timelineKinds(caseNumber)).contains("CAMPAIGN");
        }
        scenarios.complete(task(campaign, "Task_ReviewSensitiveTopics"), "manager",
                Map.of("scriptUpdates", "电池安全：统一口径见附件"));
        scenarios.complete(task(campaign, "Task_ConfirmEmergencyRoster"), "commander",
                Map.of("rosterNote", "3 月 11–20 日应急小组 24 小时值守"));
        assertThat(campaign).hasPassed("Gateway_Prepared");
        String duringPreparation = routine("delivery");
        // complaint-sla read the phase (an input kept in the decision's history, not in a variable)
        assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery()
                .processInstanceId(lifecycle(duringPreparation).getId()).decisionDefinitionKey("complaint-sla")
                .includeInputs().singleResult().getInputs())
                .anySatisfy(input -> {
                    assertThat(input.getClauseId()).isEqualTo("Input_CampaignPhase");
                    assertThat(input.getValue()).isEqualTo("pre");
                });

        // battle from 11 March: complaint-sla reads "peak", a general complaint's first response shrinks to 2 h
        readiness.fire(campaign.getId(), "Event_BattleStarts");
        assertThat(phase.current()).isEqualTo("peak");
        now("2019-03-11T02:00:00Z"); // Monday 10:00
        String duringBattle = routine("delivery");
        assertThat(deadlines.find(duringBattle, Deadline.FIRST_RESPONSE).orElseThrow().targetAt())
                .isEqualTo(Instant.parse("2019-03-11T04:00:00Z"));
        assertThat(deadlines.find(duringPreparation, Deadline.FIRST_RESPONSE).orElseThrow().durationSpec()).isEqualTo("PT4H");

        // the evening of 15 March: exposed, so crisis-response starts
        readiness.fire(campaign.getId(), "Event_MediaWatchDue");
        Task watch = task(campaign, "Task_WatchMedia");
        assertThat(watch.getDueDate().toInstant()).isEqualTo(Instant.parse("2019-03-15T16:00:00Z"));
        assertThatThrownBy(() -> scenarios.complete(watch, "pr-officer", Map.of("exposedAnswer", "yes")))
                .hasMessageContaining("曝光情况");
        scenarios.complete(task(campaign, "Task_WatchMedia"), "pr-officer",
                Map.of("exposedAnswer", "yes", "exposureDetail", "晚会点名我司售后拖延"));
        Crisis exposure = crises.declaredBetween(Instant.parse("2019-03-15T00:00:00Z"),
                Instant.parse("2019-03-16T00:00:00Z")).get(0);
        assertThat(exposure.source()).isEqualTo(Crisis.CAMPAIGN);
        assertThat(exposure.description()).isEqualTo("晚会点名我司售后拖延");
        assertThat(runtime.getVariable(campaign.getId(), "exposureCrisis")).isEqualTo(exposure.businessKey());

        // aftermath from 21 March: regulators forward batches until 5 April
        readiness.fire(campaign.getId(), "Event_AftermathStarts");
        assertThat(phase.current()).isEqualTo("post");
        scenarios.complete(task(campaign, "Task_LogRegulatorBatch"), "center",
                Map.of("batchRegulator", "12315", "batchRef", "12315-2019-B1", "batchSize", 37));
        assertThatThrownBy(() -> scenarios.complete(task(campaign, "Task_LogRegulatorBatch"), "center",
                Map.of("batchRegulator", "fda", "batchRef", "X", "batchSize", 1))).hasMessageContaining("监管机构");
        scenarios.complete(task(campaign, "Task_LogRegulatorBatch"), "center",
                Map.of("batchRegulator", "nfra", "batchRef", "NFRA-0402", "batchSize", 5, "batchNote", "理财类"));
        assertThat(task(campaign, "Task_LogRegulatorBatch").getDueDate().toInstant())
                .isEqualTo(Instant.parse("2019-04-05T16:00:00Z"));
        readiness.fire(campaign.getId(), "Event_AftermathEnds");
        assertThat(phase.current()).as("the campaign is over for deadlines").isEqualTo("none");

        // the period report: generated, explained, sent back once, approved
        Task prepare = task(campaign, "Task_PreparePeriodReport");
        Map<String, Object> reportForm = forms.getTaskFormVariables(prepare.getId());
        assertThat(reportForm.get("reportLink").toString())
                .contains("/api/reports/period?from=2019-02-25&to=2019-04-05&format=html");
        assertThat(reportForm.get("reportFigures").toString()).contains("登记批次 2 批，42 件", "危机响应：1 起");
        scenarios.complete(prepare, "center-lead", Map.of("reportCommentary", "高峰期受理量为平时 2 倍"));
        scenarios.complete(task(campaign, "Task_ApprovePeriodReport"), "manager",
                Map.of("reportDecision", "reject", "reportNote", "补充监管转办分析"));
        assertThat(forms.getTaskFormVariables(task(campaign, "Task_PreparePeriodReport").getId()))
                .containsEntry("reportNote", "补充监管转办分析");
        scenarios.complete(task(campaign, "Task_PreparePeriodReport"), "center-lead",
                Map.of("reportCommentary", "高峰期受理量为平时 2 倍；监管转办 42 件均按期答复"));
        scenarios.complete(task(campaign, "Task_ApprovePeriodReport"), "manager", Map.of("reportDecision", "approve"));

        assertThat(campaign).isEnded();
        CampaignRun run = runs.findByYear(2019).orElseThrow();
        assertThat(run.endedAt()).isNotNull();
        assertThat(run.reportApprovedBy()).isEqualTo("manager");
        PdcaHandover handover = pdca.find(PdcaHandover.CAMPAIGN, "CAMPAIGN-2019").orElseThrow();
        assertThat(handover.findings()).contains("激增响应", "报告：/api/reports/period?from=2019-02-25");
        assertThat(handover.improvements()).contains("均按期答复");
        assertThat(handover.pickedUpBy()).as("the campaign's PDCA review took it over").isEqualTo("pdca-review");
        var review = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("pdca-review")
                .variableValueEquals("handoverId", handover.id()).singleResult();
        assertThat(engine.getRuntimeService().getVariable(review.getId(), "trigger")).isEqualTo("campaign");
        assertThat((String) engine.getRuntimeService().getVariable(review.getId(), "analysisText"))
                .contains("分析期间：2019-02-25 至 2019-04-05", "移交事项：2019 年 3·15 专项活动复盘");
        api(get("/api/campaigns/2019")).andExpect(jsonPath("$.log[?(@.kind == 'REGULATOR_BATCH')].batchSize")
                .value(org.hamcrest.Matchers.contains(37, 5)));
        api(get("/api/reports/period").param("from", "2019-02-25").param("to", "2019-04-05"))
                .andExpect(jsonPath("$.summary.received").value(2))
                .andExpect(jsonPath("$.crises[0].source").value("CAMPAIGN"));
    }

    @Test
    void theYearlyTimerStartsTheCampaignOnTheConfiguredDay() {
        Job yearly = management.createJobQuery().processDefinitionKey(CampaignProcess.KEY).timers().list().stream()
                .filter(j -> j.getProcessInstanceId() == null).findFirst().orElseThrow();
        Instant deployed = repository.createDeploymentQuery().deploymentId(repository.createProcessDefinitionQuery()
                .processDefinitionKey(CampaignProcess.KEY).latestVersion().singleResult().getDeploymentId())
                .singleResult().getDeploymentTime().toInstant();
        int year = deployed.atZone(java.time.ZoneId.of("Asia/Shanghai")).getYear();
        Instant expected = calendar.of(year).start().isAfter(deployed) ? calendar.of(year).start()
                : calendar.of(year + 1).start();
        assertThat(yearly.getDuedate().toInstant()).as("25 February, 09:00 in Shanghai").isEqualTo(expected);
        int campaignYear = expected.atZone(java.time.ZoneId.of("Asia/Shanghai")).getYear();

        ClockUtil.setCurrentTime(yearly.getDuedate());
        management.executeJob(yearly.getId());

        ProcessInstance campaign = campaign(campaignYear);
        assertThat(campaign.getBusinessKey()).isEqualTo("CAMPAIGN-" + campaignYear);
        assertThat(runs.findByYear(campaignYear).orElseThrow().startedBy()).isEqualTo("system");
        assertThat(phase.current()).isEqualTo("pre");
        assertThat(campaign).isWaitingAt("Event_BattleStarts", "Task_ReviewSensitiveTopics",
                "Task_ConfirmEmergencyRoster");
        assertThat(management.createJobQuery().processDefinitionKey(CampaignProcess.KEY).timers().list().stream()
                .filter(j -> j.getProcessInstanceId() == null).findFirst().orElseThrow().getDuedate().toInstant())
                .as("and again next year").isEqualTo(calendar.of(campaignYear + 1).start());
    }

    @Test
    void aYearRunsOnceAndAQuiet315EveningStartsNoCrisis() throws Exception {
        now("2017-03-14T01:00:00Z"); // started late, in the battle already
        api(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON).content("{\"year\":2017}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.run.phase").value("peak"));
        api(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON).content("{\"year\":2017}"))
                .andExpect(status().isConflict());
        String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey(CampaignProcess.KEY)
                .latestVersion().singleResult().getId();
        ProcessInstance second = forms.submitStartForm(definitionId, Map.of("campaignYear", 2017));
        assertThat(second).as("Tasklist's start form, on the yearly start event").isEnded()
                .hasPassed("EndEvent_AlreadyRunning");

        ProcessInstance campaign = campaign(2017);
        readiness.fireAt(campaign.getId(), "Event_BattleStarts", Instant.parse("2017-03-14T01:00:00Z"));
        readiness.fire(campaign.getId(), "Event_MediaWatchDue");
        long crisesBefore = runtime.createProcessInstanceQuery().processDefinitionKey(CrisisProcess.KEY).count();
        scenarios.complete(task(campaign, "Task_WatchMedia"), "commander", Map.of("exposedAnswer", "no"));
        assertThat(campaign).isWaitingAt("Event_AftermathStarts");
        assertThat(campaign).hasPassed("Gateway_AfterWatch").hasNotPassed("Task_DeclareCrisis");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(CrisisProcess.KEY).count())
                .isEqualTo(crisesBefore);
    }

    @Test
    void thePropertyOverridesTheRunningCampaignsPhase() throws Exception {
        assertThat(new CampaignPhase(runs, "auto").current()).as("no campaign runs").isEqualTo("none");
        assertThat(new CampaignPhase(runs, "peak").current()).isEqualTo("peak");
        now("2016-03-12T01:00:00Z");
        api(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON).content("{\"year\":2016}"))
                .andExpect(status().isCreated());
        assertThat(new CampaignPhase(runs, "auto").current()).isEqualTo("peak");
        assertThat(new CampaignPhase(runs, "none").current()).as("an override wins").isEqualTo("none");
    }

    /** Every API call of this test goes through here (authentication is added in one place when it comes). */
    private ResultActions api(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request);
    }

    private ProcessInstance campaign(int year) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.KEY)
                .processInstanceBusinessKey("CAMPAIGN-" + year).singleResult();
    }

    private ProcessInstance lifecycle(String caseNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.KEY)
                .processInstanceBusinessKey(caseNumber).singleResult();
    }

    private Task task(ProcessInstance process, String key) {
        return tasks.createTaskQuery().processInstanceId(process.getId()).taskDefinitionKey(key).singleResult();
    }

    private List<Task> tasks(ProcessInstance process, String key) {
        return tasks.createTaskQuery().processInstanceId(process.getId()).taskDefinitionKey(key).list();
    }
}
