package io.complaintflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.report.Heatmap.ActivityHeat;
import io.complaintflow.report.Heatmap.HeatComplaint;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A period that reaches now reads "waiting" and "overdue" from the open stays (heat_open_stay), not from history:
 * the figures and the click-through list are the ones history gives, for every filter; a task's due date moved
 * into the past makes its complaint overdue; a stay that ends leaves the table. August 2015: no other test's time.
 */
@ComplaintFlowTest
class HeatOpenStaysTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String HANDLE = "Task_HandleComplaint";
    /** The view's moment: Monday of the third week, 10:00 Shanghai — C is past its deadline, D is not yet. */
    private static final Instant NOW = Instant.parse("2015-08-17T02:00:00Z");
    /** A period that reaches NOW (its end is after it), so "waiting" means waiting now. */
    private static final Period TO_NOW = Period.parse("2015-08-03", "2015-08-31", LocalDate.of(2015, 12, 31),
            SHANGHAI);
    private static final List<HeatFilter> FILTERS = List.of(HeatFilter.NONE,
            HeatFilter.parse("quality", null, null, null), HeatFilter.parse("billing", null, null, null),
            HeatFilter.parse(null, "G1", null, null), HeatFilter.parse(null, null, "app", null),
            HeatFilter.parse(null, "G1", "app", null), HeatFilter.parse(null, null, null, "miit"),
            // two and more dimensions at once: the rollups' combinations
            HeatFilter.parse("quality", "G1", null, null), HeatFilter.parse("quality", null, "app", null),
            HeatFilter.parse("billing", null, "web", null), HeatFilter.parse("legal", null, "hotline", null),
            HeatFilter.parse(null, "G1", "hotline", null), HeatFilter.parse("quality", "G1", "app", null),
            HeatFilter.parse(null, "G1", null, "miit"));

    @Autowired TestScenarios scenarios;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired RepositoryService repository;
    @Autowired HeatmapService heatmap;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void waitingAndOverdueNowComeFromTheOpenStaysAndMatchHistory() {
        HeatmapFixtures fixtures = new HeatmapFixtures(scenarios, management, runtime);
        HeatmapFixtures.Filed filed = fixtures.fortnight("2015-08-03");
        DeadlineScenarios.now(NOW.toString());
        try {
            // C (past its 08-10 deadline) and D (due later) wait at their departments' task
            assertThat(openStays(filed.c())).contains("department-handling " + HANDLE + " quality");
            assertThat(openStays(filed.d())).contains("department-handling " + HANDLE + " billing");
            assertThat(openStays(filed.a())).contains("complaint-handling Task_ConfirmWithCustomer null")
                    .noneMatch(s -> s.startsWith("department-handling"));
            Map<String, ActivityHeat> departments = byActivity(heatmap.heat("department-handling", TO_NOW,
                    HeatFilter.NONE, NOW));
            assertThat(departments.get(HANDLE)).isEqualTo(new ActivityHeat(HANDLE, 2, 1, 3, 4.0, 24.0, 1));
            assertThat(byActivity(heatmap.heat("complaint-handling", TO_NOW, HeatFilter.NONE, NOW))
                    .get("Task_ConfirmWithCustomer").waiting()).isEqualTo(3);
            sameAsHistory(filed);

            // F (contract: legal and sales at once) waits at both departments' task and in both call activities:
            // its stays there are marked several, and it counts once in each
            String f = at("2015-08-12T02:00:00Z", () -> scenarios.routine("contract"));
            DeadlineScenarios.now(NOW.toString());
            assertThat(several(f)).containsExactlyInAnyOrder(
                    "department-handling " + HANDLE + " legal true", "department-handling " + HANDLE + " sales true",
                    "complaint-handling Activity_DepartmentHandling null true",
                    "complaint-handling Activity_DepartmentHandling null true",
                    "complaint-handling Activity_ResolveComplaint null false");
            assertThat(byActivity(heatmap.heat("department-handling", TO_NOW, HeatFilter.NONE, NOW)).get(HANDLE)
                    .waiting()).isEqualTo(3);
            assertThat(byActivity(heatmap.heat("department-handling", TO_NOW, HeatFilter.parse("sales", null, null,
                    null), NOW)).get(HANDLE).waiting()).isEqualTo(1);
            sameAsHistory(filed);
            // sales proposes: its stays end, F's last one at each activity is no longer marked
            at("2015-08-13T02:00:00Z", () -> scenarios.propose(f, "sales", "sales-user", "配合法务"));
            DeadlineScenarios.now(NOW.toString());
            assertThat(several(f)).containsExactlyInAnyOrder("department-handling " + HANDLE + " legal false",
                    "complaint-handling Activity_DepartmentHandling null false",
                    "complaint-handling Activity_ResolveComplaint null false");
            sameAsHistory(filed);
            // F answered and accepted before NOW: the rest of the test sees C and D waiting at the departments
            at("2015-08-14T02:00:00Z", () -> scenarios.propose(f, "legal", "legal-user", "出具法律意见"));
            at("2015-08-14T03:00:00Z", () -> fixtures.answer(f));
            at("2015-08-14T05:00:00Z", () -> scenarios.accept(f));
            DeadlineScenarios.now(NOW.toString());
            sameAsHistory(filed);

            // D's task is now due before NOW: overdue by its task's due date (its deadline is not late)
            String dTask = tasks.createTaskQuery().processInstanceBusinessKey(filed.d()).taskDefinitionKey(HANDLE)
                    .singleResult().getId();
            tasks.setDueDate(dTask, Date.from(NOW.minusSeconds(3600)));
            assertThat(byActivity(heatmap.heat("department-handling", TO_NOW, HeatFilter.NONE, NOW)).get(HANDLE)
                    .overdue()).isEqualTo(2);
            sameAsHistory(filed);
            List<HeatComplaint> list = heatmap.complaints("department-handling", HANDLE, TO_NOW, HeatFilter.NONE,
                    NOW, 50);
            // both overdue now, by deadline: C's department deadline (08-10 18:00), then D's task (an hour ago)
            assertThat(list).extracting(HeatComplaint::caseNumber).containsExactly(filed.c(), filed.d());
            assertThat(list.get(0).dueAt()).isEqualTo(Instant.parse("2015-08-10T10:00:00Z"));
            assertThat(list.get(0).escalated()).isTrue();
            assertThat(list.get(0).grade()).isEqualTo("G1");
            assertThat(list.get(0).department()).isEqualTo("quality");
            assertThat(list.get(1).dueAt()).isEqualTo(NOW.minusSeconds(3600));
            assertThat(list.get(1).department()).isEqualTo("billing");
            assertThat(list).allSatisfy(h -> {
                assertThat(h.overdue()).isTrue();
                assertThat(h.processInstanceId()).isNotNull();
                assertThat(h.finished()).isFalse();
            });
        } finally {
            fixtures.closeAll(filed, "2015-08-24T02:00:00Z");
        }
        // answered and accepted: the departments' and the customer's stays have ended and left the table; what is
        // open is what history says is open (the wait for the satisfaction callback)
        for (String caseNumber : filed.all()) {
            assertThat(openStays(caseNumber)).as(caseNumber)
                    .noneMatch(s -> s.startsWith("department-handling") || s.contains("Task_ConfirmWithCustomer"))
                    .containsExactlyInAnyOrderElementsOf(openInHistory(caseNumber));
        }
    }

    /**
     * Process-instance migration moves an open stay to the new version's activity: the overlay shows the instance at
     * the new activity, once, as history does (the engine rewrites the visit's activity there too). June 2015.
     */
    @Test
    void aMigratedInstanceWaitsAtItsNewActivityOnce() {
        Instant now = Instant.parse("2015-06-10T02:00:00Z");
        Period toNow = Period.parse("2015-06-01", "2015-06-30", LocalDate.of(2015, 12, 31), SHANGHAI);
        String v1 = deployWaitingAt(MIGRATED, "Task_Before");
        String v2 = deployWaitingAt(MIGRATED, "Task_After");
        try {
            String instance = at("2015-06-09T02:00:00Z",
                    () -> runtime.startProcessInstanceById(v1, "heat-migration-1").getId());
            ClockUtil.setCurrentTime(Date.from(now));
            assertThat(byActivity(heatmap.heat(MIGRATED, toNow, HeatFilter.NONE, now)).get("Task_Before").waiting())
                    .isEqualTo(1);

            var plan = runtime.createMigrationPlan(v1, v2).mapActivities("Task_Before", "Task_After").build();
            runtime.newMigration(plan).processInstanceIds(instance).execute();

            assertThat(jdbc.sql("select activity_id, process_definition_id from heat_open_stay"
                            + " where process_instance_id = ?").param(instance)
                    .query((rs, i) -> rs.getString(1) + " " + rs.getString(2)).list())
                    .containsExactly("Task_After " + v2);
            Map<String, ActivityHeat> heat = byActivity(heatmap.heat(MIGRATED, toNow, HeatFilter.NONE, now));
            assertThat(heat).doesNotContainKey("Task_Before");
            assertThat(heat.get("Task_After").waiting()).isEqualTo(1);
            assertThat(heatmap.heat(MIGRATED, toNow, HeatFilter.NONE, now).activities())
                    .isEqualTo(heatmap.heatFromHistory(MIGRATED, toNow, HeatFilter.NONE, now).activities());
            assertThat(heatmap.complaints(MIGRATED, "Task_After", toNow, HeatFilter.NONE, now, 50))
                    .extracting(HeatComplaint::caseNumber).containsExactly("heat-migration-1");
        } finally {
            for (String definition : List.of(v1, v2)) {
                repository.deleteDeployment(repository.getProcessDefinition(definition).getDeploymentId(), true);
            }
        }
        assertThat(jdbc.sql("select count(*) from heat_open_stay where process_key = ?").param(MIGRATED)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aClaimLeavesTheStaysDueDateAloneAMovedDueDateIsWritten() {
        String definition = deployWaitingAt(CLAIMED, "Task_Before");
        try {
            String instance = at("2015-06-15T02:00:00Z",
                    () -> runtime.startProcessInstanceById(definition, "heat-claim-1").getId());
            String task = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
            // a value the task never had: a claim that wrote the task's due date to the stay would overwrite it
            Instant marker = Instant.parse("2015-06-20T00:00:00Z");
            jdbc.sql("update heat_open_stay set task_due = ? where process_instance_id = ?")
                    .params(java.sql.Timestamp.from(marker), instance).update();

            tasks.claim(task, "demo");
            assertThat(taskDue(instance)).isEqualTo(marker);

            Instant moved = Instant.parse("2015-06-16T02:00:00Z");
            tasks.setDueDate(task, Date.from(moved));
            assertThat(taskDue(instance)).isEqualTo(moved);
            // a claim together with a new due date (the task saved as a whole) writes it
            var saved = tasks.createTaskQuery().taskId(task).singleResult();
            saved.setAssignee("demo2");
            saved.setDueDate(Date.from(moved.plusSeconds(3600)));
            tasks.saveTask(saved);
            assertThat(taskDue(instance)).isEqualTo(moved.plusSeconds(3600));
        } finally {
            repository.deleteDeployment(repository.getProcessDefinition(definition).getDeploymentId(), true);
        }
    }

    private Instant taskDue(String instance) {
        return jdbc.sql("select task_due from heat_open_stay where process_instance_id = ?").param(instance)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    private static final String MIGRATED = "heat-migration";
    private static final String CLAIMED = "heat-claim";

    /** A version of a process that waits at one user task; returns its definition's id. */
    private String deployWaitingAt(String key, String task) {
        var model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(180)
                .startEvent("Start").userTask(task).name("等待").endEvent("End").done();
        String deployment = repository.createDeployment().name(key).addModelInstance(key + ".bpmn", model)
                .deploy().getId();
        return repository.createProcessDefinitionQuery().deploymentId(deployment).singleResult().getId();
    }

    /** The visits of the complaint's instances that history shows not ended, where time passes. */
    private List<String> openInHistory(String caseNumber) {
        return jdbc.sql("select ai.proc_def_key_, ai.act_id_, (select max(v.text_) from act_hi_varinst v"
                        + " where v.proc_inst_id_ = ai.proc_inst_id_ and v.execution_id_ = ai.proc_inst_id_"
                        + " and v.name_ = 'department') from act_hi_actinst ai"
                        + " join act_hi_procinst pi on pi.id_ = ai.proc_inst_id_"
                        + " where pi.business_key_ = ? and ai.end_time_ is null and ai."
                        + HeatmapService.WAIT_TYPES_CONDITION)
                .param(caseNumber).query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
                .list();
    }

    /** Every figure and every list of both diagrams, for every filter, as history gives them. */
    private void sameAsHistory(HeatmapFixtures.Filed filed) {
        for (String process : List.of("complaint-handling", "department-handling")) {
            for (HeatFilter filter : FILTERS) {
                var now = heatmap.heat(process, TO_NOW, filter, NOW);
                assertThat(now.asOf()).isEqualTo(NOW);
                assertThat(now.activities()).as(process + " " + filter)
                        .isEqualTo(heatmap.heatFromHistory(process, TO_NOW, filter, NOW).activities());
                for (ActivityHeat activity : now.activities()) {
                    assertThat(heatmap.complaints(process, activity.activityId(), TO_NOW, filter, NOW, 50))
                            .as(process + " " + activity.activityId() + " " + filter)
                            .isEqualTo(heatmap.complaintsFromHistory(process, activity.activityId(), TO_NOW, filter,
                                    NOW, 50));
                }
            }
        }
        assertThat(heatmap.complaints("department-handling", HANDLE, TO_NOW, HeatFilter.NONE, NOW, 50))
                .extracting(HeatComplaint::caseNumber).contains(filed.c(), filed.d());
    }

    /**
     * The complaint's open stays at the departments' task, the call activity and the sub-process around it: process,
     * activity, department, marked several.
     */
    private List<String> several(String caseNumber) {
        return jdbc.sql("select process_key, activity_id, department, several from heat_open_stay"
                        + " where case_number = ? and activity_id in (?, ?, ?)")
                .params(caseNumber, HANDLE, "Activity_DepartmentHandling", "Activity_ResolveComplaint").query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)
                        + " " + rs.getBoolean(4)).list();
    }

    private static <T> T at(String when, java.util.function.Supplier<T> step) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(when)));
        return step.get();
    }

    private static void at(String when, Runnable step) {
        at(when, () -> {
            step.run();
            return null;
        });
    }

    /** The complaint's open stays: process, activity, department. */
    private List<String> openStays(String caseNumber) {
        return jdbc.sql("select process_key, activity_id, department from heat_open_stay where case_number = ?")
                .param(caseNumber).query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
                .list();
    }

    private static Map<String, ActivityHeat> byActivity(Heatmap.View view) {
        return view.activities().stream().collect(Collectors.toMap(ActivityHeat::activityId, Function.identity()));
    }
}
