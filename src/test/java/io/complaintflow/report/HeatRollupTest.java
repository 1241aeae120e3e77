package io.complaintflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.report.Heatmap.ActivityHeat;
import io.complaintflow.testdb.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rollup the heat reads its stays from holds what the engine's history holds: fed in the transaction that ends a
 * stay (a command that fails adds nothing), filled from history once (a second fill, or a second node, adds
 * nothing), and a refill from history gives exactly the rows the live feed wrote — the rollups and the open stays.
 * November 2015: no other test's time.
 */
@ComplaintFlowTest
class HeatRollupTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Period FORTNIGHT = Period.parse("2015-11-02", "2015-11-13", LocalDate.of(2015, 12, 31),
            SHANGHAI);
    private static final Instant LATER = Instant.parse("2015-12-01T02:00:00Z");

    @Autowired TestScenarios scenarios;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ProcessEngine engine;
    @Autowired HeatRollupPlugin plugin;
    @Autowired HeatmapService heatmap;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theRollupHoldsEveryEndedStayOfHistoryAndARefillFromHistoryWritesTheSameRows() {
        HeatmapFixtures fixtures = new HeatmapFixtures(scenarios, management, runtime);
        HeatmapFixtures.Filed filed = fixtures.fortnight("2015-11-02");
        // a contract complaint waits at two departments at once (legal and sales): stays marked several
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2015-11-04T02:00:00Z")));
        String twoDepartments = scenarios.routine("contract");
        DeadlineScenarios.now(LATER.toString());

        for (String process : List.of("complaint-handling", "department-handling")) {
            // the heat's single-dimension figures come from the rollups; the same figures from history, exactly
            for (HeatFilter filter : List.of(HeatFilter.NONE, HeatFilter.parse("quality", null, null, null),
                    HeatFilter.parse(null, "G1", null, null), HeatFilter.parse(null, null, "app", null),
                    HeatFilter.parse("quality", "G1", null, null), HeatFilter.parse(null, "G1", "app", null),
                    HeatFilter.parse("legal", null, "hotline", null), HeatFilter.parse("quality", "G1", "app", null))) {
                assertThat(heatmap.heat(process, FORTNIGHT, filter, LATER).activities())
                        .as(process + " " + filter).isEqualTo(exact(process, filter).activities());
            }
            assertThat(stays(heatmap.heat(process, FORTNIGHT, HeatFilter.NONE, LATER))).isNotEmpty();
        }
        assertThat(stays(heatmap.heat("department-handling", FORTNIGHT, HeatFilter.NONE, LATER))
                .get("Task_HandleComplaint")).isEqualTo("3 4.0 24.0");
        // C was escalated at its department's deadline while it waited at the department's task
        assertThat(heatmap.heat("department-handling", FORTNIGHT, HeatFilter.parse(null, null, "app", null), LATER)
                .activities()).filteredOn(a -> a.activityId().equals("Task_HandleComplaint"))
                .singleElement().extracting(ActivityHeat::escalated).isEqualTo(1L);

        List<List<Map<String, Object>>> live = rows();
        // the ladders' own waits are plumbing (docs/reports.md): their jobs fired and waited again, as the job log
        // says, and the heat keeps none of it — live, nor from the refill below: the ladder task is a service task
        // (generation 3), no wait of its caller; a ladder instance of generation 2 is not counted either
        assertThat(count("select count(*) from act_hi_job_log where job_def_type_ = 'deadline-ladder-step'"
                + " and job_state_ = 2")).isPositive();
        assertThat(live).allSatisfy(table -> assertThat(table).noneMatch(row -> "deadline-ladder".equals(
                row.get(row.containsKey("process_key") ? "process_key" : "PROCESS_KEY"))));
        assertThat(live).allSatisfy(table -> assertThat(table).noneMatch(row -> List.of("Activity_ResolutionDeadlines",
                "Activity_DepartmentDeadline", "Activity_RegulatorDeadline").contains(
                row.get(row.containsKey("activity_id") ? "activity_id" : "ACTIVITY_ID"))));
        assertThat(heatmap.heat("deadline-ladder", FORTNIGHT, HeatFilter.NONE, LATER).activities()).isEmpty();
        assertThat(heatmap.complaints("deadline-ladder", "Event_StepDue", FORTNIGHT, HeatFilter.NONE, LATER, 10))
                .isEmpty();
        assertThat(live.get(0)).isNotEmpty();
        assertThat(live.get(1)).isNotEmpty();
        assertThat(live.get(2)).as("C and D wait at their departments").hasSizeGreaterThanOrEqualTo(2);
        assertThat(count("select count(*) from heat_stay where dimension in ('combo', 'dept-combo')")).isPositive();
        assertThat(count("select count(*) from heat_escalation where dimension = 'dept-combo'")).isPositive();
        assertThat(count("select count(*) from heat_open_stay where several and case_number = '" + twoDepartments
                + "' and activity_id in ('Task_HandleComplaint', 'Activity_DepartmentHandling')")).isEqualTo(4);

        // a database the previous version wrote: no combinations in the rollups, no marks on the open stays; the
        // upgrade's migration (V86) makes the next start fill them from history
        jdbc.sql("delete from heat_stay where dimension in ('combo', 'dept-combo')").update();
        jdbc.sql("delete from heat_escalation where dimension in ('combo', 'dept-combo')").update();
        jdbc.sql("update heat_open_stay set several = false").update();
        assertThat(rows()).isNotEqualTo(live);
        jdbc.sql(migration("V86__heat_refill_for_combinations.sql")).update();
        // and the ladder's rows an earlier version kept (V94 removes them; the refill does not bring them back)
        jdbc.sql("insert into heat_stay (process_key, dimension, dim_value, end_day, activity_id, bucket, stays,"
                + " total_ms) values ('deadline-ladder', 'all', '', ?, 'Event_StepDue', 300, 1, 3600000)")
                .param(LocalDate.of(2015, 11, 5)).update();
        jdbc.sql("insert into heat_escalation (process_key, dimension, dim_value, esc_day, activity_id, case_number)"
                + " values ('deadline-ladder', 'all', '', ?, 'Event_StepDue', ?)")
                .param(LocalDate.of(2015, 11, 5)).param(twoDepartments).update();
        assertThat(count("select count(*) from heat_stay where process_key = 'deadline-ladder'")).isEqualTo(1);
        statements("V94__heat_without_the_ladder.sql").forEach(sql -> jdbc.sql(sql).update());
        assertThat(count("select count(*) from heat_stay where process_key = 'deadline-ladder'")
                + count("select count(*) from heat_escalation where process_key = 'deadline-ladder'")).isZero();
        // fills from history: open stays at once, the rollups a day at a time in the background (set-based SQL)
        plugin.postProcessEngineBuild(engine);
        plugin.awaitFill(Duration.ofMinutes(5));
        assertThat(rows()).isEqualTo(live); // every row rebuilt, none counted twice
        assertThat(jdbc.sql("select stays_filled from heat_rollup_state where id = 1").query(Long.class).single())
                .isPositive();
        assertThat(jdbc.sql("select done from heat_rollup_state where id = 1").query(Boolean.class).single()).isTrue();

        plugin.postProcessEngineBuild(engine); // already filled (a second node starting): nothing added
        plugin.awaitFill(Duration.ofMinutes(5));
        assertThat(rows()).isEqualTo(live);
        fixtures.closeAll(filed, "2015-12-02T02:00:00Z");
        scenarios.propose(twoDepartments, "sales", "sales-user", "配合法务");
        scenarios.propose(twoDepartments, "legal", "legal-user", "出具法律意见");
        fixtures.answer(twoDepartments);
        scenarios.accept(twoDepartments);
    }

    @Test
    void aCommandThatFailsAfterEndingAStayAddsNothingAndItsRetryAddsItOnce() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2015-11-16T02:00:00Z")));
        String caseNumber = scenarios.routine("delivery"); // to logistics
        String task = tasks.createTaskQuery().processInstanceBusinessKey(caseNumber)
                .taskDefinitionKey("Task_HandleComplaint").singleResult().getId();
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2015-11-16T05:00:00Z")));
        List<List<Map<String, Object>>> before = rows();

        var commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        assertThatThrownBy(() -> commands.execute(context -> {
            scenarios.propose(caseNumber, "logistics", "logistics", "补发");
            throw new IllegalStateException("the node fails before its commit");
        })).hasMessageContaining("before its commit");
        assertThat(tasks.createTaskQuery().taskId(task).count()).isEqualTo(1);
        assertThat(rows()).isEqualTo(before); // neither the ended stay nor the open stays changed
        assertThat(openStays(caseNumber)).contains("department-handling Task_HandleComplaint logistics");

        scenarios.propose(caseNumber, "logistics", "logistics", "补发"); // the retry
        Period day = Period.parse("2015-11-16", "2015-11-16", LocalDate.of(2015, 12, 31), SHANGHAI);
        ActivityHeat handled = heatmap.heat("department-handling", day, HeatFilter.parse("logistics", null, null, null),
                Instant.parse("2015-11-16T05:00:00Z")).activities().stream()
                .filter(a -> a.activityId().equals("Task_HandleComplaint")).findFirst().orElseThrow();
        assertThat(handled.completed()).isEqualTo(1);
        assertThat(handled.medianHours()).isEqualTo(3.0);
        assertThat(openStays(caseNumber)).doesNotContain("department-handling Task_HandleComplaint logistics")
                .contains("complaint-handling Task_AnswerCustomer null");

        // closed, so no other test's backlog sees it
        DeadlineScenarios.now("2015-11-17T02:00:00Z");
        new HeatmapFixtures(scenarios, management, runtime).answer(caseNumber);
        scenarios.accept(caseNumber);
    }

    /**
     * What the heat adds to the engine command that ends two stays (the department's task and, with the department's
     * instance, the call activity) and starts one (the answer's task), and to the claim before it (a task update:
     * its due date): counted with H2's query statistics. PostgreSQL runs the same statements, except that the
     * rollup's upsert is one statement per row where H2 tries an update and then an insert, and it takes the
     * complaint's advisory lock (one statement more when a stay starts or a marked one ends).
     */
    @Test
    void aStepCostsTheHeatAFewStatements() {
        assumeFalse(TestDatabase.postgresRun(), "H2's query statistics");
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2015-11-23T02:00:00Z")));
        String caseNumber = scenarios.routine("delivery"); // to logistics
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2015-11-23T05:00:00Z")));
        jdbc.sql("set query_statistics_max_entries 10000").update();
        jdbc.sql("set query_statistics false").update();
        jdbc.sql("set query_statistics true").update();
        Map<String, Long> heat;
        try {
            scenarios.propose(caseNumber, "logistics", "logistics", "补发");
            heat = jdbc.sql("select sql_statement, execution_count from information_schema.query_statistics"
                            + " where (lower(sql_statement) like '%heat\\_%' escape '\\'"
                            + " or sql_statement like '%var_department%'"
                            + " or sql_statement like 'select case_number from complaint where case_number in%')"
                            + " and lower(sql_statement) not like '%query_statistics%'")
                    .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum));
        } finally {
            jdbc.sql("set query_statistics false").update();
        }
        heat.forEach((sql, n) -> System.out.println("HEAT-COST " + n + " × " + sql));
        // one round trip each for the ended stays' marks, the started stays' complaints and the ended ones' slices
        assertThat(executions(heat, "from heat_open_stay where activity_instance_id in")).isEqualTo(1);
        assertThat(executions(heat, "select case_number from complaint where case_number in")).isEqualTo(1);
        assertThat(executions(heat, "var_department")).isEqualTo(1);
        long ended = executions(heat, "delete from heat_open_stay");
        assertThat(ended).isPositive();
        assertThat(executions(heat, "insert into heat_open_stay")).isEqualTo(1); // the answer's task
        // a rollup row per slice of each ended stay (all, department, grade, channel, both combinations)
        assertThat(executions(heat, "update heat_stay")).isEqualTo(6 * ended);
        // the marks of every key the flush touched (the started stay's complaint at its activity, an ended one's if
        // it was marked): one statement
        assertThat(executions(heat, "update heat_open_stay s set several")).isEqualTo(1);
        DeadlineScenarios.now("2015-11-24T02:00:00Z");
        new HeatmapFixtures(scenarios, management, runtime).answer(caseNumber);
        scenarios.accept(caseNumber);
    }

    private static long executions(Map<String, Long> statements, String part) {
        return statements.entrySet().stream().filter(e -> e.getKey().contains(part)).mapToLong(Map.Entry::getValue)
                .sum();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** The statement of a Flyway migration (one statement, no comments after it). */
    private static String migration(String name) {
        try (var in = HeatRollupTest.class.getResourceAsStream("/db/migration/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("--")).collect(Collectors.joining("\n")).strip()
                    .replaceAll(";$", "");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statements of a Flyway migration (comment lines left out, one statement per {@code ;}). */
    private static List<String> statements(String name) {
        try (var in = HeatRollupTest.class.getResourceAsStream("/db/migration/" + name)) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("--")).collect(Collectors.joining("\n"));
            return java.util.Arrays.stream(text.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same figures computed from the engine's history alone (exact percentiles). */
    private Heatmap.View exact(String process, HeatFilter filter) {
        return heatmap.heatFromHistory(process, FORTNIGHT, filter, LATER);
    }

    private static Map<String, String> stays(Heatmap.View view) {
        return view.activities().stream().filter(a -> a.completed() > 0).collect(Collectors.toMap(
                ActivityHeat::activityId, a -> a.completed() + " " + a.medianHours() + " " + a.p90Hours()));
    }

    /** The complaint's open stays: process, activity, department. */
    private List<String> openStays(String caseNumber) {
        return jdbc.sql("select process_key, activity_id, department from heat_open_stay where case_number = ?")
                .param(caseNumber).query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
                .list();
    }

    /** November 2015's rows of both rollups, and the open stays that began then. */
    private List<List<Map<String, Object>>> rows() {
        return List.of(jdbc.sql("""
                                select process_key, dimension, dim_value, end_day, activity_id, bucket, stays, total_ms
                                from heat_stay where end_day >= ? and end_day <= ?
                                order by process_key, dimension, dim_value, end_day, activity_id, bucket""")
                        .params(LocalDate.of(2015, 11, 1), LocalDate.of(2015, 11, 30)).query().listOfRows(),
                jdbc.sql("""
                                select process_key, dimension, dim_value, esc_day, activity_id, case_number
                                from heat_escalation where esc_day >= ? and esc_day <= ?
                                order by process_key, dimension, dim_value, esc_day, activity_id, case_number""")
                        .params(LocalDate.of(2015, 11, 1), LocalDate.of(2015, 11, 30)).query().listOfRows(),
                jdbc.sql("""
                                select activity_instance_id, process_key, activity_id, process_instance_id,
                                  process_definition_id, complaint_key, case_number, department, since, task_due,
                                  several
                                from heat_open_stay where since >= ? and since < ? order by activity_instance_id""")
                        .params(java.sql.Timestamp.valueOf("2015-10-31 00:00:00"),
                                java.sql.Timestamp.valueOf("2015-12-02 00:00:00"))
                        .query().listOfRows());
    }
}
