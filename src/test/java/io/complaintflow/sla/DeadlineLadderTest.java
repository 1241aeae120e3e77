package io.complaintflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.complaint.Grade;
import io.complaintflow.engine.FormValues;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Deadlines as the timers in the models keep them: the engine clock moves and the ladder climbs. */
@ComplaintFlowTest
class DeadlineLadderTest {

    // Tuesday 2026-03-10 10:00 in Shanghai
    private static final String TUESDAY_10 = "2026-03-10T02:00:00Z";

    @Autowired TestScenarios scenarios;
    @Autowired DeadlineScenarios time;
    @Autowired DeadlineService deadlines;
    @Autowired BusinessCalendar calendar;
    @Autowired TaskService tasks;
    @Autowired HistoryService history;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired io.complaintflow.escalation.EscalationService escalations;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aDepartmentTaskIsRemindedAt80PercentThenEscalatedToItsLeadThenToManagers() {
        DeadlineScenarios.now(TUESDAY_10);
        String caseNumber = scenarios.routine("product-quality");
        Deadline deadline = deadlines.find(caseNumber, Deadline.department("quality")).orElseThrow();

        // P3D: the day of receipt does not count; Wed, Thu, Fri → Friday 18:00 Shanghai
        assertThat(deadline.targetAt()).isEqualTo(Instant.parse("2026-03-13T10:00:00Z"));
        Task task = scenarios.departmentTask(caseNumber, "quality");
        assertThat(task.getDueDate().toInstant()).isEqualTo(deadline.targetAt());
        assertThat(time.timer(caseNumber, "Event_DepartmentWarning").getDuedate().toInstant())
                .isEqualTo(deadline.warningAt());

        time.fire(caseNumber, "Event_DepartmentWarning");
        assertThat(escalations(caseNumber, "quality", 0)).isEqualTo(1);
        assertThat(deadlines.find(caseNumber, Deadline.department("quality")).orElseThrow().state())
                .isEqualTo(DeadlineState.RUNNING);
        assertThat(scenarios.timelineKinds(caseNumber)).contains("REMINDED");

        time.fire(caseNumber, "Event_DepartmentOverdue");
        assertThat(candidateGroups(task)).contains("dept-quality", "dept-quality-lead")
                .doesNotContain("emergency-group");
        assertThat(deadlines.find(caseNumber, Deadline.department("quality")).orElseThrow().state())
                .isEqualTo(DeadlineState.BREACHED);

        time.fire(caseNumber, "Event_DepartmentLevel2");
        assertThat(candidateGroups(task)).contains("complaint-managers");
        assertThat(escalations(caseNumber, "quality", 1)).isEqualTo(2);
        // no step left: the department's ladder task has been left (its job is gone), not with its caller, which
        // still waits at the department's task; no ladder instance of generation 2 was started for any of it
        assertThat(time.ladderTimer(caseNumber, Deadline.department("quality"))).isNull();
        ProcessInstance part = departmentPart(caseNumber);
        BpmnAwareTests.assertThat(part).hasPassed("Activity_DepartmentDeadline", "EndEvent_DeadlineWatched")
                .isWaitingAt("Task_HandleComplaint");
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(DeadlineTimers.LADDER)
                .processInstanceBusinessKey(caseNumber).count()).isZero();

        scenarios.propose(caseNumber, "quality", "quality", "更换新品");
        Deadline stopped = deadlines.find(caseNumber, Deadline.department("quality")).orElseThrow();
        assertThat(stopped.state()).isEqualTo(DeadlineState.BREACHED);
        assertThat(stopped.stoppedAt()).isNotNull();
    }

    @Test
    void aMajorRegulatorCaseClimbsToTheEmergencyGroupAndItsReplyDeadlineIsWatched() {
        DeadlineScenarios.now(TUESDAY_10);
        String caseNumber = scenarios.file(TestScenarios.regulatorCase("12315", "12315-L-" + TestScenarios.uniquePhone(),
                "product-quality"));
        assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G3);
        // 12315: first response within 2 working hours, reply within 10 working days
        assertThat(deadlines.find(caseNumber, Deadline.FIRST_RESPONSE).orElseThrow().targetAt())
                .isEqualTo(Instant.parse("2026-03-10T04:00:00Z"));
        assertThat(deadlines.find(caseNumber, Deadline.REGULATOR_REPLY).orElseThrow().targetAt())
                .isEqualTo(Instant.parse("2026-03-24T10:00:00Z"));

        time.fire(caseNumber, "Event_FirstResponseWarning");
        time.fire(caseNumber, "Event_FirstResponseOverdue");
        Task review = scenarios.task(caseNumber, "Task_ReviewTriage");
        assertThat(candidateGroups(review)).contains("complaint-center-lead");

        time.fire(caseNumber, "Event_ResolutionWarning");
        time.fire(caseNumber, "Event_ResolutionOverdue");
        assertThat(candidateGroups(review)).contains("emergency-group");
        time.fire(caseNumber, "Event_ResolutionLevel2");
        assertThat(candidateGroups(review)).contains("complaint-managers");

        Task reply = scenarios.task(caseNumber, "Task_ReplyToRegulator");
        assertThat(reply.getDueDate().toInstant()).isEqualTo(Instant.parse("2026-03-24T10:00:00Z"));
        time.fire(caseNumber, "Event_RegulatorReplyWarning");
        time.fire(caseNumber, "Event_RegulatorReplyOverdue");
        time.fire(caseNumber, "Event_RegulatorReplyLevel2");
        assertThat(candidateGroups(reply)).contains("complaint-center-lead", "emergency-group", "complaint-managers");

        scenarios.complete(reply, "center", Map.of("regulatorDecision", "replied", "regulatorReplyText", "已在平台答复"));
        assertThat(deadlines.find(caseNumber, Deadline.REGULATOR_REPLY).orElseThrow().stoppedAt()).isNotNull();
        assertThat(jdbc.sql("select count(*) from escalation where case_number = ? and level = 3")
                .param(caseNumber).query(Long.class).single()).isEqualTo(2);
        assertThat(scenarios.timelineKinds(caseNumber)).contains("ESCALATED", "REMINDED", "REGULATOR_REPLIED");
    }

    @Test
    void waitingForTheCustomerPausesTheDeadlinesAndMovesThemByThePausedWorkingTime() {
        DeadlineScenarios.now(TUESDAY_10);
        String caseNumber = scenarios.routine("delivery");
        Deadline resolution = deadlines.find(caseNumber, Deadline.RESOLUTION).orElseThrow();
        Deadline department = deadlines.find(caseNumber, Deadline.department("logistics")).orElseThrow();

        DeadlineScenarios.now("2026-03-10T03:00:00Z"); // Tue 11:00
        scenarios.complete(scenarios.departmentTask(caseNumber, "logistics"), "logistics",
                Map.of("outcome", "need-info", "waitReason", "请提供快递单号"));
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.AWAITING_CUSTOMER);
        assertThat(deadlines.find(caseNumber, Deadline.RESOLUTION).orElseThrow().state()).isEqualTo(DeadlineState.PAUSED);
        assertThat(deadlines.find(caseNumber, Deadline.department("logistics")).orElseThrow().state())
                .isEqualTo(DeadlineState.PAUSED);
        // the first response was met (the department answered); the ladders of paused deadlines wait, parked
        assertThat(time.ladderTimer(caseNumber, Deadline.RESOLUTION).getDuedate().toInstant())
                .isEqualTo(DeadlineTimers.PARKED);
        assertThat(time.ladderTimer(caseNumber, Deadline.department("logistics")).getDuedate().toInstant())
                .isEqualTo(DeadlineTimers.PARKED);

        DeadlineScenarios.now("2026-03-11T03:00:00Z"); // Wed 11:00: 1 h + 4.5 h on Tuesday, 2 h on Wednesday
        scenarios.complete(scenarios.task(caseNumber, "Task_AwaitInformation"), "logistics",
                Map.of("customerInfo", "单号 SF123"));

        Duration paused = Duration.ofMinutes(450);
        Deadline resumed = deadlines.find(caseNumber, Deadline.RESOLUTION).orElseThrow();
        assertThat(resumed.state()).isEqualTo(DeadlineState.RUNNING);
        assertThat(resumed.targetAt()).isEqualTo(calendar.plusWorkingTime(resolution.targetAt(), paused));
        // each ladder's one timer waits for its deadline's next step again: the 80% reminders, moved with the deadlines
        assertThat(time.ladderTimer(caseNumber, Deadline.RESOLUTION).getDuedate().toInstant())
                .isEqualTo(resumed.warningAt()).isEqualTo(calendar.plusWorkingTime(resolution.warningAt(), paused));
        Deadline departmentResumed = deadlines.find(caseNumber, Deadline.department("logistics")).orElseThrow();
        assertThat(departmentResumed.targetAt()).isEqualTo(calendar.plusWorkingTime(department.targetAt(), paused));
        assertThat(time.ladderTimer(caseNumber, Deadline.department("logistics")).getDuedate().toInstant())
                .isEqualTo(departmentResumed.warningAt());
        assertThat(scenarios.departmentTask(caseNumber, "logistics").getDueDate().toInstant())
                .isEqualTo(departmentResumed.targetAt());
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.IN_PROGRESS);
        assertThat(scenarios.timelineKinds(caseNumber)).contains("PAUSED", "RESUMED");
    }

    @Test
    void aFinancialRegulatorDeadlineIsExtendedTo30DaysByManagersAndTo60ByTheEmergencyGroup() {
        DeadlineScenarios.now(TUESDAY_10);
        String caseNumber = scenarios.file(TestScenarios.regulatorCase("nfra", "NFRA-" + TestScenarios.uniquePhone(),
                "billing"));
        Instant received = scenarios.complaint(caseNumber).createdAt();
        assertThat(deadlines.find(caseNumber, Deadline.REGULATOR_REPLY).orElseThrow().targetAt())
                .isEqualTo(calendar.plus(received, DeadlineDuration.parse("cal:P15D")));

        askForExtension(caseNumber, 30);
        Task approval = scenarios.task(caseNumber, "Task_ApproveExtension");
        assertThat(candidateGroups(approval)).containsExactly("complaint-managers");
        scenarios.complete(approval, "manager", Map.of("extensionDecision", "approve"));
        Instant day30 = calendar.plus(received, DeadlineDuration.parse("cal:P30D"));
        assertThat(deadlines.find(caseNumber, Deadline.REGULATOR_REPLY).orElseThrow().targetAt()).isEqualTo(day30);
        assertThat(scenarios.task(caseNumber, "Task_ReplyToRegulator").getDueDate().toInstant()).isEqualTo(day30);

        askForExtension(caseNumber, 60);
        approval = scenarios.task(caseNumber, "Task_ApproveExtension");
        assertThat(candidateGroups(approval)).containsExactly("emergency-group");
        scenarios.complete(approval, "demo", Map.of("extensionDecision", "reject", "approvalNote", "不予延期"));
        assertThat(deadlines.find(caseNumber, Deadline.REGULATOR_REPLY).orElseThrow().targetAt()).isEqualTo(day30);
        assertThat(scenarios.task(caseNumber, "Task_ReplyToRegulator")).isNotNull();
    }

    @Test
    void compensationAboveTheAgentsLimitNeedsTheRightApprover() {
        String caseNumber = scenarios.routine("billing");
        scenarios.propose(caseNumber, "billing", "billing", "退款");
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "退款 1000 元", "compensation", 1000));
        Task approval = scenarios.task(caseNumber, "Task_ApproveCompensation");
        assertThat(candidateGroups(approval)).containsExactly("complaint-center-lead");
        scenarios.complete(approval, "center-lead", Map.of("compensationDecision", "reject", "approvalNote", "金额过高"));

        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "退款并赔偿", "compensation", 5000));
        approval = scenarios.task(caseNumber, "Task_ApproveCompensation");
        assertThat(candidateGroups(approval)).containsExactly("complaint-managers");
        scenarios.complete(approval, "manager", Map.of("compensationDecision", "approve"));

        assertThat(scenarios.task(caseNumber, "Task_ConfirmWithCustomer")).isNotNull();
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.RESOLVED);
        assertThat(scenarios.complaint(caseNumber).compensation()).isEqualByComparingTo("5000");
    }

    @Test
    void aCrisisIsAnsweredWithin30MinutesDayOrNight() {
        DeadlineScenarios.now("2026-03-10T14:00:00Z"); // 22:00 in Shanghai
        String caseNumber = scenarios.file(TestScenarios.request("app", "safety", "热水器漏电", "再不处理就找记者曝光"));
        assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G4);
        assertThat(deadlines.find(caseNumber, Deadline.FIRST_RESPONSE).orElseThrow().targetAt())
                .isEqualTo(Instant.parse("2026-03-10T14:30:00Z"));
        assertThat(deadlines.find(caseNumber, Deadline.RESOLUTION).orElseThrow().targetAt())
                .isEqualTo(Instant.parse("2026-03-11T14:00:00Z"));
    }

    @Test
    void anOverdueCrisisTaskAlsoReachesTheEmergencyGroup() {
        String caseNumber = scenarios.file(TestScenarios.request("app", "safety", "热水器漏电", "再不处理就找记者曝光"));
        scenarios.complete(caseNumber, "Task_ReviewTriage", "center", Map.of("category", "safety", "grade", "G4",
                "departments", FormValues.jsonList(List.of("quality"))));
        Task task = scenarios.departmentTask(caseNumber, "quality");

        time.fire(caseNumber, "Event_DepartmentOverdue");
        assertThat(candidateGroups(task)).contains("dept-quality-lead", "emergency-group");
    }

    @Test
    void aReminderFallingBetweenTwoMillisecondsIsSentWhenItsTimerFires() {
        // Friday 09:53:29.853 in Shanghai: 80% of the resolution's working time lands at 16:40:41.9706 on the
        // next Thursday, between two of the timer's milliseconds (the ladder used to re-arm at .970 for ever)
        DeadlineScenarios.now("2026-12-04T01:53:29.853Z");
        String routine = scenarios.routine("delivery");
        Deadline resolution = deadlines.find(routine, Deadline.RESOLUTION).orElseThrow();
        assertThat(resolution.warningAt()).isEqualTo(Instant.parse("2026-12-10T08:40:41.970Z"));

        time.fire(routine, "Event_ResolutionWarning");
        assertThat(deadlines.find(routine, Deadline.RESOLUTION).orElseThrow().ladderStep()).isEqualTo(1);
        assertThat(time.ladderTimer(routine, Deadline.RESOLUTION).getDuedate().toInstant())
                .isEqualTo(resolution.targetAt());
    }

    @Test
    void anOverdueGeneralComplaintStopsAtTheCenterLead() {
        String routine = scenarios.routine("delivery");
        time.fire(routine, "Event_ResolutionOverdue");
        assertThat(jdbc.sql("select escalated_to from escalation where case_number = ? and deadline = 'RESOLUTION'"
                        + " and level >= 1 order by id")
                .param(routine).query(String.class).list()).containsExactly("complaint-center-lead");

        String downgraded = scenarios.file(TestScenarios.regulatorCase("12315", "12315-D-" + TestScenarios.uniquePhone(),
                "delivery"));
        scenarios.complete(downgraded, "Task_ReviewTriage", "center", Map.of("category", "delivery", "grade", "G2",
                "departments", FormValues.jsonList(List.of("logistics"))));
        time.fire(downgraded, "Event_RegulatorReplyOverdue");
        assertThat(candidateGroups(scenarios.task(downgraded, "Task_ReplyToRegulator")))
                .contains("complaint-center-lead").doesNotContain("emergency-group");
    }

    @Test
    void aRoutineComplaintAtItsDepartmentHoldsOneTimerPerLadderEachWaitingForItsNextStep() {
        DeadlineScenarios.now(TUESDAY_10);
        String caseNumber = scenarios.routine("product-quality");

        List<Job> timers = timers(caseNumber);
        // the lifecycle's ladder task watches first response and resolution, the department's ladder task its own
        // deadline: one job each, on the waiting execution of its task in the complaint's own instances
        assertThat(timers).hasSize(2).allSatisfy(job -> {
            assertThat(((JobEntity) job).getJobHandlerType()).isEqualTo(DeadlineTimers.LADDER_JOB);
            assertThat(job.getPriority()).isEqualTo(DeadlineTimers.LADDER_PRIORITY);
            assertThat(job.getJobDefinitionId()).isNull();
        }).extracting(Job::getProcessDefinitionKey)
                .containsExactlyInAnyOrder("complaint-handling", "department-handling");
        BpmnAwareTests.assertThat(departmentPart(caseNumber)).isWaitingAt("Activity_DepartmentDeadline",
                "Task_HandleComplaint");
        assertThat(runtime.createExecutionQuery().executionId(time.ladderTimer(caseNumber, Deadline.RESOLUTION)
                .getExecutionId()).activityId("Activity_ResolutionDeadlines").count()).isOne();
        Deadline firstResponse = deadlines.find(caseNumber, Deadline.FIRST_RESPONSE).orElseThrow();
        Deadline department = deadlines.find(caseNumber, Deadline.department("quality")).orElseThrow();
        assertThat(time.ladderTimer(caseNumber, Deadline.RESOLUTION).getDuedate().toInstant())
                .isEqualTo(firstResponse.warningAt());
        assertThat(time.ladderTimer(caseNumber, Deadline.department("quality")).getDuedate().toInstant())
                .isEqualTo(department.warningAt());

        // a step re-arms the same ladder at its next step: still one timer each
        time.fire(caseNumber, "Event_FirstResponseWarning");
        assertThat(timers(caseNumber)).hasSize(2);
        assertThat(time.ladderTimer(caseNumber, Deadline.RESOLUTION).getDuedate().toInstant())
                .isEqualTo(firstResponse.targetAt());

        // the department answers: the first response is met, its ladder now waits for the resolution's reminder,
        // and the department's ladder ends with the department's part
        String departmentJob = time.ladderTimer(caseNumber, Deadline.department("quality")).getId();
        scenarios.propose(caseNumber, "quality", "quality", "更换新品");
        assertThat(timers(caseNumber)).hasSize(1);
        assertThat(time.ladderTimer(caseNumber, Deadline.department("quality"))).isNull();
        assertThat(management.createJobQuery().jobId(departmentJob).count()).as("gone with its scope").isZero();
        assertThat(time.ladderTimer(caseNumber, Deadline.RESOLUTION).getDuedate().toInstant())
                .isEqualTo(deadlines.find(caseNumber, Deadline.RESOLUTION).orElseThrow().warningAt());
    }

    @Test
    void aStepIsTakenOnceEvenWhenTwoNodesLookAtTheSameTime() {
        DeadlineScenarios.now(TUESDAY_10);
        String caseNumber = scenarios.routine("delivery");
        Deadline deadline = deadlines.find(caseNumber, Deadline.department("logistics")).orElseThrow();
        DeadlineScenarios.now(deadline.warningAt().toString());
        String department = time.ladderTimer(caseNumber, Deadline.department("logistics")).getId();
        String instance = runtime.createProcessInstanceQuery().processDefinitionKey("department-handling")
                .processInstanceBusinessKey(caseNumber).singleResult().getId();

        assertThat(escalations.climb(caseNumber, List.of(deadline.name()), instance)).isEqualTo(1);
        // a second look with the same due step (another node, a retry) finds it taken
        assertThat(escalations.climb(caseNumber, List.of(deadline.name()), instance)).isZero();
        assertThat(escalations(caseNumber, "logistics", 0)).isEqualTo(1);
        assertThat(department).isNotNull();
    }

    @Test
    void anExtendedRegulatorDeadlineStepsItsLadderBackAndReArmsIt() {
        DeadlineScenarios.now(TUESDAY_10);
        String caseNumber = scenarios.file(TestScenarios.regulatorCase("nfra", "NFRA-L-" + TestScenarios.uniquePhone(),
                "billing"));
        time.fire(caseNumber, "Event_RegulatorReplyOverdue");
        Deadline breached = deadlines.find(caseNumber, Deadline.REGULATOR_REPLY).orElseThrow();
        assertThat(breached.state()).isEqualTo(DeadlineState.BREACHED);
        assertThat(breached.ladderStep()).isEqualTo(2);

        askForExtension(caseNumber, 30);
        scenarios.complete(scenarios.task(caseNumber, "Task_ApproveExtension"), "manager",
                Map.of("extensionDecision", "approve"));
        Deadline extended = deadlines.find(caseNumber, Deadline.REGULATOR_REPLY).orElseThrow();
        assertThat(extended.state()).isEqualTo(DeadlineState.RUNNING);
        assertThat(extended.ladderStep()).isEqualTo(extended.firstStepAfter(ClockUtil.getCurrentTime().toInstant()))
                .isLessThan(2);
        assertThat(time.ladderTimer(caseNumber, Deadline.REGULATOR_REPLY).getDuedate().toInstant())
                .isEqualTo(extended.nextStepAt());
        time.fire(caseNumber, "Event_RegulatorReplyOverdue");
        assertThat(jdbc.sql("select count(*) from escalation where case_number = ? and deadline = 'REGULATOR_REPLY'"
                + " and level = 1").param(caseNumber).query(Long.class).single()).as("escalated again").isEqualTo(2);
    }

    private ProcessInstance departmentPart(String caseNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("department-handling")
                .processInstanceBusinessKey(caseNumber).singleResult();
    }

    private List<Job> timers(String caseNumber) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).list().stream()
                .flatMap(p -> management.createJobQuery().processInstanceId(p.getId()).timers().list().stream())
                .toList();
    }

    private void askForExtension(String caseNumber, int days) {
        scenarios.complete(caseNumber, "Task_ReplyToRegulator", "center", Map.of("regulatorDecision", "extend",
                "extensionDays", days, "extensionReason", "需等待第三方鉴定报告"));
    }

    private List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream().filter(l -> l.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }

    private long escalations(String caseNumber, String department, int minLevel) {
        return jdbc.sql("select count(*) from escalation where case_number = ? and department = ? and level >= ?")
                .param(caseNumber).param(department).param(minLevel).query(Long.class).single();
    }
}
