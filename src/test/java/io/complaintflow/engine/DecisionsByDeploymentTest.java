package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A decision called by deployment is looked up in the database once per node, then found in memory: its row renamed
 * behind the engine's back, the engine alone no longer finds it, with {@link DecisionsByDeployment} the next call
 * still evaluates it. A new deployment's process calls its own deployment's decision.
 */
class DecisionsByDeploymentTest {

    private ProcessEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void theEngineAloneAsksTheDatabaseEachTime() {
        engine = start(false);
        deploy("A");
        assertThat(decide()).isEqualTo("A");
        hideDecisionRows();
        assertThatThrownBy(this::decide).hasMessageContaining("no decision definition deployed with key = 'grading'");
    }

    @Test
    void withTheCacheTheSecondCallFindsItInMemory() {
        engine = start(true);
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDeploymentCache())
                .isInstanceOf(DecisionsByDeployment.Cache.class);
        assertThat(DecisionsByDeployment.capacity((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()))
                .as("the configured capacity").isEqualTo(250);
        deploy("A");
        assertThat(decide()).isEqualTo("A");
        hideDecisionRows();
        assertThat(decide()).as("from memory").isEqualTo("A");
        restoreDecisionRows();

        deploy("B");
        assertThat(decide()).as("the new deployment's process calls the new deployment's decision").isEqualTo("B");
    }

    private ProcessEngine start(boolean cache) {
        var configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("decisions-" + UUID.randomUUID());
        configuration.setJdbcUrl("jdbc:h2:mem:decisions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        configuration.setCacheCapacity(250);
        if (cache) {
            configuration.getProcessEnginePlugins().add(new DecisionsByDeployment());
        }
        return configuration.buildProcessEngine();
    }

    private void deploy(String result) {
        String dmn = """
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                    xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="defs" name="grading"
                    namespace="http://camunda.org/schema/1.0/dmn">
                  <decision id="grading" name="grading" camunda:historyTimeToLive="180">
                    <decisionTable id="table">
                      <input id="in"><inputExpression id="expr" typeRef="string"><text>category</text></inputExpression></input>
                      <output id="out" name="grade" typeRef="string"/>
                      <rule id="rule"><inputEntry id="any"><text></text></inputEntry>
                        <outputEntry id="value"><text>"%s"</text></outputEntry></rule>
                    </decisionTable>
                  </decision>
                </definitions>""".formatted(result);
        engine.getRepositoryService().createDeployment()
                .addString("grading.dmn", dmn)
                .addModelInstance("p.bpmn", Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(180)
                        .startEvent().businessRuleTask("Task_Grade").camundaDecisionRef("grading")
                        .camundaDecisionRefBinding("deployment").camundaMapDecisionResult("singleEntry")
                        .camundaResultVariable("grade").userTask("Task_Wait").endEvent().done())
                .deploy();
    }

    private Object decide() {
        String id = engine.getRuntimeService().startProcessInstanceByKey("p", Map.of("category", "delivery")).getId();
        return engine.getRuntimeService().getVariable(id, "grade");
    }

    private void hideDecisionRows() {
        jdbc().update("update act_re_decision_def set key_ = 'hidden' where key_ = 'grading'");
    }

    private void restoreDecisionRows() {
        jdbc().update("update act_re_decision_def set key_ = 'grading' where key_ = 'hidden'");
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getDataSource());
    }
}
