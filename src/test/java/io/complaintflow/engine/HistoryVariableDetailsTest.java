package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A variable's history without a detail row per value it took (complaintflow.history.variable-details=false, the
 * default), on a database at level full that an earlier version created and filled: it starts, stays at full, keeps
 * the details it has; new writes keep the variable's history row with its last value and leave no detail. The setting
 * brings the details back.
 */
class HistoryVariableDetailsTest {

    private final String url = "jdbc:h2:mem:history-details-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private ProcessEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aDatabaseAtFullFromAnEarlierVersionStartsKeepsItsDetailsAndGetsNoNewOnes() {
        engine = start(null); // as every version before: the engine's own database handler
        engine.getRepositoryService().createDeployment().addModelInstance("p.bpmn", Bpmn.createExecutableProcess("p")
                .camundaHistoryTimeToLive(180).startEvent().userTask("Task_Wait").endEvent().done()).deploy();
        String earlier = engine.getRuntimeService().startProcessInstanceByKey("p", Map.of("grade", "G1")).getId();
        engine.getRuntimeService().setVariable(earlier, "grade", "G2");
        assertThat(details(earlier)).isEqualTo(2);
        engine.close();

        engine = start(new HistoryWithoutPlumbing(new HistoryProperties(false, false)));
        assertThat(engine.getManagementService().getHistoryLevel()).as("still full, as the database says").isEqualTo(3);
        assertThat(engine.getManagementService().getProperties()).containsEntry("historyLevel", "3");
        assertThat(details(earlier)).as("what an earlier version wrote stays until the cleanup").isEqualTo(2);

        String now = engine.getRuntimeService().startProcessInstanceByKey("p", Map.of("grade", "G1",
                "departments", java.util.List.of("billing"))).getId();
        engine.getRuntimeService().setVariable(now, "grade", "G3");
        engine.getRuntimeService().setVariable(earlier, "grade", "G4");
        assertThat(details(now)).isZero();
        assertThat(details(earlier)).isEqualTo(2);
        assertThat(lastValue(now, "grade")).as("the variable's history row, with its last value").isEqualTo("G3");
        assertThat(lastValue(earlier, "grade")).isEqualTo("G4");
        assertThat(lastValue(now, "departments")).isNotNull();

        String task = engine.getTaskService().createTaskQuery().processInstanceId(now).singleResult().getId();
        engine.getTaskService().complete(task, Map.of("outcome", "propose"));
        assertThat(lastValue(now, "outcome")).as("what a task's completion submitted").isEqualTo("propose");
        assertThat(details(now)).isZero();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(now)
                .activityId("Task_Wait").finished().count()).as("the rest of level full is kept").isEqualTo(1);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(now)
                .finished().count()).isEqualTo(1);
    }

    @Test
    void theSettingKeepsEveryValueAgain() {
        engine = start(new HistoryWithoutPlumbing(new HistoryProperties(true, false)));
        engine.getRepositoryService().createDeployment().addModelInstance("p.bpmn", Bpmn.createExecutableProcess("p")
                .camundaHistoryTimeToLive(180).startEvent().userTask("Task_Wait").endEvent().done()).deploy();
        String id = engine.getRuntimeService().startProcessInstanceByKey("p", Map.of("grade", "G1")).getId();
        engine.getRuntimeService().setVariable(id, "grade", "G2");
        assertThat(details(id)).isEqualTo(2);
    }

    private ProcessEngine start(HistoryWithoutPlumbing plugin) {
        var configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("history-details-" + UUID.randomUUID());
        configuration.setJdbcUrl(url);
        configuration.setHistory("full");
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setJobExecutorActivate(false);
        if (plugin != null) {
            configuration.getProcessEnginePlugins().add(plugin);
        }
        return configuration.buildProcessEngine();
    }

    private long details(String processInstanceId) {
        return engine.getHistoryService().createHistoricDetailQuery().variableUpdates()
                .processInstanceId(processInstanceId).count();
    }

    private Object lastValue(String processInstanceId, String name) {
        HistoricVariableInstance variable = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }
}
