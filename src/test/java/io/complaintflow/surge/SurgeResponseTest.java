package io.complaintflow.surge;

import static io.complaintflow.ReadinessScenarios.now;
import static io.complaintflow.ReadinessScenarios.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMail;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.ReadinessScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.TestSettings;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.ZoneProperties;
import java.time.Duration;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * surge-response as intake floods in: the monitor starts it at the matching level, its reviews raise the level and
 * finally stand it down; a manager starts one by hand through the API or Tasklist's start form.
 */
@ComplaintFlowTest
class SurgeResponseTest {

    @Autowired ProcessEngine engine;
    @Autowired MockMvc mvc;
    @Autowired SurgeMonitor monitor;
    @Autowired SurgeActivations activations;
    @Autowired TestScenarios scenarios;
    @Autowired ReadinessScenarios readiness;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired FormService forms;
    @Autowired IdentityService identity;
    @Autowired RepositoryService repository;
    @Autowired JdbcClient jdbc;
    @Autowired GreenMail greenMail;

    @BeforeEach
    void init() throws Exception {
        BpmnAwareTests.init(engine);
        greenMail.purgeEmailFromAllMailboxes();
        readiness.person("surge-lead-1", "surge-level-1");
        readiness.person("surge-offshift-2", "surge-level-2");
        readiness.person("surge-skilled-3", "surge-level-3");
    }

    @AfterEach
    void cleanUp() {
        identity.clearAuthentication();
        readiness.deleteRunning(SurgeProcess.KEY);
        ClockUtil.reset();
    }

    @Test
    void floodedIntakeStartsLevel1ThenRaisesToLevel2AndStandsDownWhenVolumeStaysLow() {
        // Tuesday 2031-06-10, 10:00 in Shanghai; no intake in the same hour of the last weeks: baseline 10/hour
        Instant start = Instant.parse("2031-06-10T02:00:00Z");
        now("2031-06-10T02:00:00Z"); // not the real hour, in which other test classes may have filed plenty
        assertThat(monitor.check()).as("a quiet hour starts nothing").isEmpty();
        flood(14, start);
        now("2031-06-10T02:29:00Z");
        assertThat(monitor.check()).as("14 of a baseline of 10 is below 1.5×").isEmpty();
        flood(1, Instant.parse("2031-06-10T02:29:00Z"));
        now("2031-06-10T02:30:00Z");

        String businessKey = monitor.check().orElseThrow();
        ProcessInstance surge = surge(businessKey);
        assertThat(surge).isWaitingAt("Task_CoordinateLevel", "Event_ReviewDue");
        SurgeActivation activation = activations.findByBusinessKey(businessKey).orElseThrow();
        assertThat(activation.trigger()).isEqualTo("MONITOR");
        assertThat(activation.startLevel()).isEqualTo(1);
        assertThat(activation.windowCount()).isEqualTo(15);
        assertThat(activation.levels()).extracting(SurgeActivation.Level::rosterGroup).containsExactly("surge-level-1");
        Task coordinate = coordinatorTask(surge, 1);
        assertThat(candidateGroups(coordinate)).containsExactly("complaint-center-lead");
        assertThat((String) runtime.getVariable(surge.getId(), "surgeSummary")).contains("进线量监控自动启动", "第 1 级");
        assertThat(monitor.check()).as("one surge at a time: the running one reviews itself").isEmpty();

        readiness.sendMails(businessKey);
        assertThat(readiness.mailsTo("surge-lead-1")).extracting(ReadinessScenarios::subject)
                .containsExactly("【激增响应 第 1 级】请按应急排班到岗支援");
        assertThat(readiness.mailsTo("surge-offshift-2")).isEmpty();

        // intake keeps climbing: 21 in the hour → level 2 at the next review, 15 minutes on
        flood(6, Instant.parse("2031-06-10T02:31:00Z"));
        readiness.fireAt(surge.getId(), "Event_ReviewDue", Instant.parse("2031-06-10T02:45:00Z"));
        assertThat(activations.findByBusinessKey(businessKey).orElseThrow().maxLevel()).isEqualTo(2);
        Task coordinateLevel2 = coordinatorTask(surge, 2);
        readiness.sendMails(businessKey);
        assertThat(readiness.mailsTo("surge-offshift-2")).extracting(ReadinessScenarios::subject)
                .containsExactly("【激增响应 第 2 级】请按应急排班到岗支援");
        assertThat(readiness.mailsTo("surge-skilled-3")).isEmpty();

        scenarios.complete(coordinate, "center-lead", Map.of("staffCount", 6, "coordinationNote", "现场主管 2 人、支援 4 人"));
        scenarios.complete(coordinateLevel2, "center-lead", Map.of("staffCount", 9));
        assertThat(activations.findByBusinessKey(businessKey).orElseThrow().levels())
                .extracting(SurgeActivation.Level::level, SurgeActivation.Level::staffCount,
                        SurgeActivation.Level::coordinatedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 6, "center-lead"),
                        org.assertj.core.groups.Tuple.tuple(2, 9, "center-lead"));

        // the wave passes: from 03:40 nothing in the last hour; the level holds until two calm hours have passed
        readiness.fireAt(surge.getId(), "Event_ReviewDue", Instant.parse("2031-06-10T03:40:00Z"));
        assertThat(surge).isWaitingAt("Event_ReviewDue");
        assertThat((String) runtime.getVariable(surge.getId(), "surgeTrend")).isEqualTo("hold");
        readiness.fireAt(surge.getId(), "Event_ReviewDue", Instant.parse("2031-06-10T05:00:00Z"));
        assertThat(surge).isWaitingAt("Event_ReviewDue");
        readiness.fireAt(surge.getId(), "Event_ReviewDue", Instant.parse("2031-06-10T05:40:00Z"));

        assertThat(surge).isEnded();
        assertThat(surge).hasPassed("Task_StandDown", "EndEvent_StoodDown");
        SurgeActivation ended = activations.findByBusinessKey(businessKey).orElseThrow();
        assertThat(ended.endedAt()).isEqualTo(Instant.parse("2031-06-10T05:40:00Z"));
        assertThat(ended.endReason()).contains("2031-06-10 11:40").contains("低于一级阈值");
        readiness.sendMails(businessKey);
        assertThat(readiness.mailsTo("surge-lead-1")).extracting(ReadinessScenarios::subject)
                .contains("【激增响应解除】进线量已恢复正常");
        assertThat(readiness.mailsTo("surge-offshift-2").stream().map(ReadinessScenarios::subject).distinct())
                .containsExactlyInAnyOrder("【激增响应 第 2 级】请按应急排班到岗支援", "【激增响应解除】进线量已恢复正常");
    }

    @Test
    void theSameHourOfRecentWeeksIsTheBaseline() {
        // Tuesday 2031-09-16 10:00 Shanghai; the same hour a week, two and three weeks ago had 30, 20 and 14
        Instant at = Instant.parse("2031-09-16T02:00:00Z");
        bareComplaints(30, at.minus(Duration.ofDays(7)).minus(Duration.ofMinutes(59)));
        bareComplaints(20, at.minus(Duration.ofDays(14)).minus(Duration.ofMinutes(40)));
        bareComplaints(14, at.minus(Duration.ofDays(21)).minus(Duration.ofMinutes(20)));
        bareComplaints(50, at.minus(Duration.ofDays(7)).minus(Duration.ofMinutes(61))); // the hour before: not counted
        IntakeVolume sameHour = new IntakeVolume(jdbc, SurgeAssessorTest.settings(Duration.ofHours(2)));
        now("2031-09-16T02:00:00Z");

        assertThat(sameHour.measure(at).baseline()).as("(30 + 20 + 14 + 0) / 4 weeks").isEqualTo(16.0);
        bareComplaints(23, at.minus(Duration.ofMinutes(30)));
        assertThat(new SurgeAssessor(SurgeAssessorTest.settings(Duration.ofHours(2))).levelFor(sameHour.measure(at)))
                .as("23 against 16 is below 1.5×").isZero();
        bareComplaints(1, at.minus(Duration.ofMinutes(10)));
        assertThat(new SurgeAssessor(SurgeAssessorTest.settings(Duration.ofHours(2))).levelFor(sameHour.measure(at)))
                .isEqualTo(1);

        IntakeVolume fixed = new IntakeVolume(jdbc, new SurgeSettings(TestSettings.bind(SurgeProperties.class,
                "complaintflow.surge.baseline=fixed")));
        assertThat(fixed.measure(at)).isEqualTo(new Volume(at, 24, 30.0));
    }

    @Test
    void aManagerStartsASurgeForMonthEndThroughTheApiAndItHoldsUntilThePlannedDay() throws Exception {
        now("2031-07-31T01:00:00Z"); // Thursday 09:00 Shanghai, the last day of the month
        String body = """
                {"level":1,"reason":"月末缴费高峰","until":"2031-07-31"}""";
        api(post("/api/surges").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.trigger").value("MANUAL"))
                .andExpect(jsonPath("$.startLevel").value(1))
                .andExpect(jsonPath("$.holdUntil").value("2031-07-31T16:00:00Z"))
                .andExpect(jsonPath("$.levels[0].rosterGroup").value("surge-level-1"));
        api(post("/api/surges").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isConflict());
        api(post("/api/surges").contentType(MediaType.APPLICATION_JSON).content("""
                {"level":4,"until":"31.07."}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "level", "reason", "until")));

        ProcessInstance surge = runtime.createProcessInstanceQuery().processDefinitionKey(SurgeProcess.KEY)
                .singleResult();
        readiness.fireAt(surge.getId(), "Event_ReviewDue", Instant.parse("2031-07-31T02:00:00Z"));
        readiness.fireAt(surge.getId(), "Event_ReviewDue", Instant.parse("2031-07-31T12:00:00Z"));
        assertThat(surge).as("calm for ten hours, but planned until the end of the day").isWaitingAt("Event_ReviewDue");
        readiness.fireAt(surge.getId(), "Event_ReviewDue", Instant.parse("2031-07-31T16:05:00Z"));
        assertThat(surge).isEnded();

        api(get("/api/surges").param("from", "2031-07-31").param("to", "2031-07-31"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].reason").value("月末缴费高峰"))
                .andExpect(jsonPath("$[0].endedAt").value("2031-07-31T16:05:00Z"));
        api(get("/api/reports/period").param("from", "2031-07-01").param("to", "2031-07-31"))
                .andExpect(jsonPath("$.surges[0].businessKey").value(surge.getBusinessKey()))
                .andExpect(jsonPath("$.surges[0].trigger").value("MANUAL"))
                .andExpect(jsonPath("$.surges[0].maxLevel").value(1));
        api(get("/api/reports/period").param("from", "2031-07-01").param("to", "2031-07-31").param("format", "html"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<h2>激增响应</h2>")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("月末缴费高峰")));
        api(get("/api/reports/period").param("from", "2031-07-01").param("to", "2031-07-31").param("format", "csv"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("\"surge\",\""
                        + surge.getBusinessKey() + "\"")));
    }

    @Test
    void aManagerStartsASurgeForTheEveningOf315FromTasklistsStartForm() {
        now("2031-03-15T11:00:00Z");
        identity.setAuthentication("manager", java.util.List.of("complaint-managers")); // as Tasklist does
        String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey(SurgeProcess.KEY)
                .latestVersion().singleResult().getId();

        assertThatThrownBy(() -> forms.submitStartForm(definitionId, Map.of("level", "5", "reason", "测试")))
                .hasMessageContaining("level（响应级别）：「5」不是可选项之一"); // the start form's options (formguard)
        ProcessInstance surge = forms.submitStartForm(definitionId,
                Map.of("level", "2", "reason", "3·15 晚会当晚", "holdUntil", "2031-03-15"));

        SurgeActivation activation = activations.findByBusinessKey(surge.getBusinessKey()).orElseThrow();
        assertThat(surge.getBusinessKey()).startsWith("SURGE-20310315-");
        assertThat(activation.startedBy()).isEqualTo("manager");
        assertThat(activation.levels()).extracting(SurgeActivation.Level::level).containsExactly(1, 2);
        assertThat(coordinatorTask(surge, 2)).isNotNull();
        assertThatThrownBy(() -> forms.submitStartForm(definitionId, Map.of("level", "1", "reason", "再来一次")))
                .hasMessageContaining("已有激增响应在进行中");
    }

    @Test
    void inAClusterOneNodePerIntervalRunsTheMonitor() {
        int[] checks = new int[2];
        SurgeMonitorSchedule nodeA = node(checks, 0);
        SurgeMonitorSchedule nodeB = node(checks, 1);

        now("2031-10-01T02:00:00Z");
        nodeA.tick();
        nodeB.tick();
        now("2031-10-01T02:01:00Z");
        nodeB.tick();
        assertThat(checks).containsExactly(1, 0);
        now("2031-10-01T02:05:00Z");
        nodeB.tick();
        nodeA.tick();
        assertThat(checks).containsExactly(1, 1);
    }

    private SurgeMonitorSchedule node(int[] checks, int node) {
        SurgeMonitor counting = new SurgeMonitor(null, null, null, null) {
            @Override
            public java.util.Optional<String> check() {
                checks[node]++;
                return java.util.Optional.empty();
            }
        };
        return new SurgeMonitorSchedule(counting, jdbc, new BusinessClock(TestSettings.bind(ZoneProperties.class)),
                TestSettings.bind(SurgeProperties.class, "complaintflow.surge.check-interval=PT5M"));
    }

    /** Every API call of this test goes through here (authentication is added in one place when it comes). */
    private ResultActions api(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request);
    }

    private void flood(int complaints, Instant from) {
        for (int i = 0; i < complaints; i++) {
            now(from.plus(Duration.ofMinutes(i)).toString());
            scenarios.routine(i % 2 == 0 ? "billing" : "delivery");
        }
    }

    private void bareComplaints(int count, Instant at) {
        for (int i = 0; i < count; i++) {
            jdbc.sql("insert into complaint (case_number, channel, customer_name, status, created_at, updated_at)"
                            + " values (?, 'hotline', '基线客户', 'CLOSED', ?, ?)")
                    .params("BASE-" + TestScenarios.uniquePhone(), at.atOffset(java.time.ZoneOffset.UTC),
                            at.atOffset(java.time.ZoneOffset.UTC))
                    .update();
        }
    }

    private ProcessInstance surge(String businessKey) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey)
                .processDefinitionKey(SurgeProcess.KEY).singleResult();
    }

    private Task coordinatorTask(ProcessInstance surge, int level) {
        return tasks.createTaskQuery().processInstanceId(surge.getId()).taskDefinitionKey("Task_CoordinateLevel")
                .list().stream()
                .filter(t -> level == ((Number) tasks.getVariable(t.getId(), "coordinatedLevel")).intValue())
                .findFirst().orElseThrow(() -> new AssertionError("no coordinator task for level " + level));
    }

    private List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream().filter(l -> l.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }
}
