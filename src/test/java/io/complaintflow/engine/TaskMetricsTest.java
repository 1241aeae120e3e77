package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** application.yaml turns the engine's unique-task-worker metric off: a claim writes no meter row. */
@ComplaintFlowTest
class TaskMetricsTest {

    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;

    @Test
    void aClaimWritesNoTaskMeterRow() {
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).isTaskMetricsEnabled())
                .isFalse();
        var model = Bpmn.createExecutableProcess("task-metrics").camundaHistoryTimeToLive(1)
                .startEvent().userTask("Task_Wait").endEvent().done();
        String deployment = engine.getRepositoryService().createDeployment().name("task-metrics")
                .addModelInstance("task-metrics.bpmn", model).deploy().getId();
        try {
            String instance = engine.getRuntimeService().startProcessInstanceByKey("task-metrics").getId();
            String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
            long before = meterRows();
            engine.getTaskService().claim(task, "demo");
            engine.getTaskService().setAssignee(task, "demo2");
            assertThat(engine.getTaskService().createTaskQuery().taskId(task).singleResult().getAssignee())
                    .isEqualTo("demo2");
            assertThat(meterRows()).isEqualTo(before);
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    private long meterRows() {
        return jdbc.sql("select count(*) from act_ru_task_meter_log").query(Long.class).single();
    }
}
