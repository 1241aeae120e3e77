package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.testdb.H2QueryStatistics;
import io.complaintflow.testdb.TestDatabase;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An update of an activity or task instance (a claim) is written without reading the row's start time, and an end of
 * an instance this node started takes the start it remembers ({@link StartTimes}); every duration written at an end is
 * still end minus start — an end in its own command, an end in the command that updated the same instance just before
 * (claimed and completed at once), and an end whose start this node does not hold (another node's, a restart's).
 */
@ComplaintFlowTest
class HistoryStartTimesTest {

    private static final Instant START = Instant.parse("2015-04-06T02:00:00Z");

    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    @Autowired HistoryWithoutPlumbing history;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aClaimReadsNoStartTimeAndEveryEndKeepsItsDuration() throws Exception {
        var model = Bpmn.createExecutableProcess("history-start-times").camundaHistoryTimeToLive(1)
                .startEvent().userTask("Task_Wait").name("等待").endEvent().done();
        String deployment = engine.getRepositoryService().createDeployment().name("history-start-times")
                .addModelInstance("history-start-times.bpmn", model).deploy().getId();
        try {
            ClockUtil.setCurrentTime(Date.from(START));
            String separate = engine.getRuntimeService().startProcessInstanceByKey("history-start-times").getId();
            String together = engine.getRuntimeService().startProcessInstanceByKey("history-start-times").getId();
            String forgotten = engine.getRuntimeService().startProcessInstanceByKey("history-start-times").getId();

            ClockUtil.setCurrentTime(Date.from(START.plusSeconds(600)));
            String first = task(separate);
            long reads = startTimeReads(() -> engine.getTaskService().claim(first, "demo"));
            if (!TestDatabase.postgresRun()) {
                assertThat(reads).as("start-time reads of a claim").isZero();
            }
            assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(first).singleResult()
                    .getAssignee()).isEqualTo("demo");
            assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(separate)
                    .activityId("Task_Wait").singleResult().getAssignee()).isEqualTo("demo");

            ClockUtil.setCurrentTime(Date.from(START.plusSeconds(3600)));
            long endReads = startTimeReads(() -> engine.getTaskService().complete(first));
            if (!TestDatabase.postgresRun()) {
                assertThat(endReads).as("start-time reads of ends this node started (task, activity, process)")
                        .isZero();
            }
            String second = task(together);
            ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                    .execute(context -> {
                        new ClaimTaskCmd(second, "demo").execute(context);
                        return new CompleteTaskCmd(second, null).execute(context);
                    });

            String third = task(forgotten);
            history.startTimes().forget();
            long forgottenReads = startTimeReads(() -> engine.getTaskService().complete(third));
            if (!TestDatabase.postgresRun()) {
                assertThat(forgottenReads).as("starts this node does not hold are read: task, activity, process")
                        .isEqualTo(3);
            }

            for (String instance : new String[] {separate, together, forgotten}) {
                var activity = engine.getHistoryService().createHistoricActivityInstanceQuery()
                        .processInstanceId(instance).activityId("Task_Wait").singleResult();
                assertThat(activity.getStartTime().toInstant()).as(instance).isEqualTo(START);
                assertThat(activity.getDurationInMillis()).as(instance).isEqualTo(3_600_000L);
                var task = engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(instance)
                        .singleResult();
                assertThat(task.getDurationInMillis()).as(instance).isEqualTo(3_600_000L);
                assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                        .processInstanceId(instance).singleResult().getDurationInMillis()).as(instance)
                        .isEqualTo(3_600_000L);
            }
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    private String task(String instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
    }

    /** How often a step read a history row's start time (H2's query statistics; PostgreSQL: 0). */
    private long startTimeReads(Runnable step) throws Exception {
        return H2QueryStatistics.executions(jdbc, "%start_time_%from act_hi_%", step::run);
    }
}
