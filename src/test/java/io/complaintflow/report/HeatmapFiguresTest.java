package io.complaintflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.TestUsers;
import io.complaintflow.report.Heatmap.ActivityHeat;
import io.complaintflow.report.Heatmap.HeatComplaint;
import io.complaintflow.report.Heatmap.Path;
import io.complaintflow.report.Heatmap.Step;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Files five complaints in March 2015 — before any other test's time, so the view "as of" the period's end sees
 * only them — moves them as handlers and deadlines would, and checks every figure of the diagram heat exactly.
 * At the end they are all answered and closed, so no other test's backlog sees them.
 *
 * <p>A quality, handled in 4 h, waits for the customer's confirmation. B quality, handled in 24 h, same. E quality,
 * handled in 1 h, same. C quality, never handled, escalated to the quality lead at its deadline (Mon 03-09 18:00).
 * D billing, filed on Thu 03-12, waits within its deadline.
 */
@ComplaintFlowTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeatmapFiguresTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Period MARCH = Period.parse("2015-03-02", "2015-03-13", LocalDate.of(2015, 3, 31), SHANGHAI);
    private static final Instant NOW = Instant.parse("2015-03-20T02:00:00Z");
    private static final String HANDLE = "Task_HandleComplaint";

    @Autowired TestScenarios scenarios;
    @Autowired org.camunda.bpm.engine.ManagementService management;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;
    HeatmapFixtures fixtures;
    @Autowired HeatmapService heatmap;
    @Autowired MockMvc mvc;
    
    HeatmapFixtures.Filed filed;
    int done;

    /** Seeded and closed inside test methods: the process-coverage listener records only within them. */
    @BeforeEach
    void seed() {
        if (filed == null) {
            fixtures = new HeatmapFixtures(scenarios, management, runtime);
            filed = fixtures.march2015();
        }
        DeadlineScenarios.now(NOW.toString());
    }

    @AfterEach
    void closeThemAllAfterTheLastTest() {
        if (++done == java.util.Arrays.stream(getClass().getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).count()) {
            fixtures.closeAll(filed, "2015-03-23T02:00:00Z");
        }
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theDepartmentsTaskShowsWhoWaitsWhoIsOverdueWhoWasEscalatedAndHowLongStaysTook() {
        Map<String, ActivityHeat> heat = byActivity(heatmap.heat("department-handling", MARCH, HeatFilter.NONE, NOW));
        // waiting at 03-13 24:00: C (past its 03-09 deadline) and D (due 03-17); A 4 h, B 24 h, E 1 h done
        assertThat(heat.get(HANDLE)).isEqualTo(new ActivityHeat(HANDLE, 2, 1, 3, 4.0, 24.0, 1));
    }

    @Test
    void theComplaintsDiagramCountsTheSameComplaintsAtItsCallActivityAndWhereTheyWaitForTheCustomer() {
        Map<String, ActivityHeat> heat = byActivity(heatmap.heat("complaint-handling", MARCH, HeatFilter.NONE, NOW));
        ActivityHeat departments = heat.get("Activity_DepartmentHandling");
        assertThat(departments.waiting()).isEqualTo(2);
        assertThat(departments.overdue()).isGreaterThanOrEqualTo(1);
        assertThat(departments.escalated()).isEqualTo(1);
        assertThat(departments.completed()).isEqualTo(3);
        assertThat(heat.get("Task_ConfirmWithCustomer").waiting()).isEqualTo(3);
        assertThat(heat.get("Task_AnswerCustomer").completed()).isEqualTo(3);
        // answered 20 h, 2 h and 23 h after the proposal
        assertThat(heat.get("Task_AnswerCustomer").medianHours()).isEqualTo(20.0);
        assertThat(heat.get("Task_AnswerCustomer").p90Hours()).isEqualTo(23.0);
        assertThat(heat).doesNotContainKey("Task_StartClocks"); // automatic steps take no time
    }

    @Test
    void theFilterAppliesToEveryFigure() {
        var billing = byActivity(heatmap.heat("department-handling", MARCH,
                HeatFilter.parse("billing", null, null, null), NOW));
        assertThat(billing.get(HANDLE)).isEqualTo(new ActivityHeat(HANDLE, 1, 0, 0, null, null, 0));
        var app = byActivity(heatmap.heat("department-handling", MARCH, HeatFilter.parse(null, "G1", "app", null), NOW));
        assertThat(app.get(HANDLE)).isEqualTo(new ActivityHeat(HANDLE, 1, 1, 0, null, null, 1));
        // two and three dimensions at once (the rollups' combinations): C waits; A, B and E were handled
        var qualityG1 = byActivity(heatmap.heat("department-handling", MARCH,
                HeatFilter.parse("quality", "G1", null, null), NOW));
        assertThat(qualityG1.get(HANDLE)).isEqualTo(new ActivityHeat(HANDLE, 1, 1, 3, 4.0, 24.0, 1));
        var hotline = byActivity(heatmap.heat("department-handling", MARCH,
                HeatFilter.parse("quality", "G1", "hotline", null), NOW));
        assertThat(hotline.get(HANDLE)).isEqualTo(new ActivityHeat(HANDLE, 0, 0, 3, 4.0, 24.0, 0));
        assertThat(heatmap.heat("department-handling", MARCH, HeatFilter.parse(null, null, null, "miit"), NOW)
                .activities()).isEmpty();
    }

    @Test
    void anEarlierPeriodSeesTheWaitingOfItsOwnEnd() {
        Period firstWeek = Period.parse("2015-03-02", "2015-03-06", LocalDate.of(2015, 3, 31), SHANGHAI);
        var heat = byActivity(heatmap.heat("department-handling", firstWeek, HeatFilter.NONE, NOW));
        // at Fri 03-06 24:00 only C waits (D came later), not yet overdue; A, B, E were handled that week
        assertThat(heat.get(HANDLE)).isEqualTo(new ActivityHeat(HANDLE, 1, 0, 3, 4.0, 24.0, 0));
    }

    @Test
    void aClickListsTheComplaintsOverdueFirstWithTheirDepartmentAndDeadline() {
        List<HeatComplaint> list = heatmap.complaints("department-handling", HANDLE, MARCH, HeatFilter.NONE, NOW, 50);
        assertThat(list).extracting(HeatComplaint::caseNumber).containsExactly(filed.c(), filed.d());
        HeatComplaint c = list.get(0);
        assertThat(c.overdue()).isTrue();
        assertThat(c.escalated()).isTrue();
        assertThat(c.department()).isEqualTo("quality");
        assertThat(c.grade()).isEqualTo("G1");
        assertThat(c.dueAt()).isEqualTo(Instant.parse("2015-03-09T10:00:00Z"));
        assertThat(c.processInstanceId()).isNotNull();
        assertThat(list.get(1).overdue()).isFalse();
        assertThat(list.get(1).department()).isEqualTo("billing");
    }

    @Test
    void aComplaintsPathShowsEachStepItsTimeAndTheEscalationDuringIt() {
        Path path = heatmap.path(heatmap.mainInstance(filed.a(), "complaint-handling").orElseThrow()).orElseThrow();
        assertThat(path.businessKey()).isEqualTo(filed.a());
        assertThat(path.steps()).extracting(Step::activityId).contains("Task_AnswerCustomer", "Activity_DepartmentHandling");
        assertThat(path.steps().stream().filter(s -> s.activityId().equals("Task_AnswerCustomer")).findFirst()
                .orElseThrow().hours()).isEqualTo(20.0);
        // the department's part (the deadline ladder is a task of the lifecycle itself since generation 3)
        assertThat(path.called()).extracting(Heatmap.Called::processDefinitionKey)
                .containsExactly("department-handling");
        assertThat(path.called()).filteredOn(call -> call.processDefinitionKey().equals("department-handling"))
                .singleElement().satisfies(called -> {
            assertThat(called.department()).isEqualTo("quality");
            assertThat(called.activityId()).isEqualTo("Activity_DepartmentHandling");
        });

        Path c = heatmap.path(heatmap.path(heatmap.mainInstance(filed.c(), "complaint-handling").orElseThrow())
                .orElseThrow().called().stream()
                .filter(call -> call.processDefinitionKey().equals("department-handling")).findFirst().orElseThrow()
                .processInstanceId()).orElseThrow();
        Step handling = c.steps().stream().filter(s -> s.activityId().equals(HANDLE)).findFirst().orElseThrow();
        assertThat(handling.endedAt()).isNull();
        assertThat(handling.escalations()).anySatisfy(e -> {
            assertThat(e.level()).isEqualTo(1);
            assertThat(e.department()).isEqualTo("quality");
        });
    }

    @Test
    void theApiServesTheFiguresToReadersOfAllComplaintsOnlyAndNamesABadFilter() throws Exception {
        mvc.perform(get("/api/reports/heatmap").param("process", "department-handling")
                        .param("from", "2015-03-02").param("to", "2015-03-13"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.activities[?(@.activityId == 'Task_HandleComplaint')].waiting").value(2));
        mvc.perform(get("/api/reports/heatmap").param("process", "department-handling").param("grade", "G9"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("grade"));
        mvc.perform(get("/api/reports/heatmap/complaints").param("process", "department-handling")
                        .param("activity", HANDLE).param("from", "2015-03-02").param("to", "2015-03-13")
                        .with(TestUsers.as("quality")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/reports/path").param("caseNumber", filed.c()).with(TestUsers.as("quality")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/reports/path").param("caseNumber", filed.c()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.businessKey").value(filed.c()));
    }

    private static Map<String, ActivityHeat> byActivity(Heatmap.View view) {
        return view.activities().stream().collect(Collectors.toMap(ActivityHeat::activityId, Function.identity()));
    }
}
