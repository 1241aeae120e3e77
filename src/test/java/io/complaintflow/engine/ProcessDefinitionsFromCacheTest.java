package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.testdb.H2QueryStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.SuspendedEntityInteractionException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A poll and a claim take the process definition from the node's deployment cache (no read of its row); a
 * definition suspended on one node is honoured at once by the claims, submissions, polls and starts of both nodes of
 * one database — with its instances (the tasks refuse), and alone (new instances refuse, running ones go on, as the
 * engine does without the cache).
 */
class ProcessDefinitionsFromCacheTest {

    private final List<ProcessEngine> engines = new ArrayList<>();
    private final String url = "jdbc:h2:mem:definitions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @AfterEach
    void close() {
        engines.forEach(ProcessEngine::close);
    }

    @Test
    void aPollAndAClaimReadNoDefinitionRowASubmissionStillDoes() throws Exception {
        ProcessEngine node = start(true);
        String definition = deploy(node);
        String instance = node.getRuntimeService().startProcessInstanceById(definition, "CF-1").getId();
        long served = ProcessDefinitionsFromCache.SERVED.get();

        assertThat(definitionReads(node, () -> {
            List<Task> polled = node.getTaskService().createTaskQuery().processInstanceBusinessKey("CF-1")
                    .taskDefinitionKey("Task_Handle").active().initializeFormKeys().list();
            assertThat(polled).extracting(Task::getFormKey).containsExactly("camunda-forms:deployment:handle.form");
        })).as("definition rows read by a poll").isZero();
        String task = task(node, instance).getId();
        assertThat(definitionReads(node, () -> node.getTaskService().claim(task, "wang")))
                .as("definition rows read by a claim").isZero();
        assertThat(ProcessDefinitionsFromCache.SERVED.get() - served).as("look-ups served from the cache").isPositive();
        assertThat(task(node, instance).getAssignee()).isEqualTo("wang");

        assertThat(definitionReads(node, () -> node.getTaskService().complete(task)))
                .as("a submission reads the row as before").isPositive();
        assertThat(node.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    }

    @Test
    void withoutTheCacheThePollAndTheClaimReadTheRow() throws Exception {
        ProcessEngine node = start(false);
        String definition = deploy(node);
        String instance = node.getRuntimeService().startProcessInstanceById(definition, "CF-1").getId();
        assertThat(definitionReads(node, () -> node.getTaskService().createTaskQuery().processInstanceBusinessKey("CF-1")
                .initializeFormKeys().list())).as("definition rows read by a poll").isEqualTo(1);
        String task = task(node, instance).getId();
        assertThat(definitionReads(node, () -> node.getTaskService().claim(task, "wang")))
                .as("definition rows read by a claim").isEqualTo(1);
    }

    @Test
    void aDefinitionSuspendedWithItsInstancesOnOneNodeStopsClaimsAndSubmissionsOnBothAtOnce() {
        ProcessEngine one = start(true);
        ProcessEngine two = start(true);
        String definition = deploy(one);
        String first = one.getRuntimeService().startProcessInstanceById(definition, "CF-1").getId();
        String second = one.getRuntimeService().startProcessInstanceById(definition, "CF-2").getId();
        // node two holds the definition in its cache and answered its poll and claim from there
        assertThat(two.getTaskService().createTaskQuery().active().initializeFormKeys().list()).hasSize(2);
        String claimed = task(two, first).getId();
        two.getTaskService().claim(claimed, "wang");
        String open = task(two, second).getId();

        one.getRepositoryService().suspendProcessDefinitionById(definition, true, null);

        for (ProcessEngine node : List.of(two, one)) {
            assertThatThrownBy(() -> node.getTaskService().claim(open, "li"))
                    .isInstanceOf(SuspendedEntityInteractionException.class);
            assertThatThrownBy(() -> node.getTaskService().complete(claimed))
                    .isInstanceOf(SuspendedEntityInteractionException.class);
            assertThat(node.getTaskService().createTaskQuery().active().initializeFormKeys().list())
                    .as("the poll for active tasks").isEmpty();
            assertThatThrownBy(() -> node.getRuntimeService().startProcessInstanceById(definition, "CF-3"))
                    .isInstanceOf(ProcessEngineException.class).hasMessageContaining("suspended");
        }
        assertThat(task(one, second).getAssignee()).as("nothing changed").isNull();
        assertThat(task(one, first).getAssignee()).isEqualTo("wang");
        assertThat(one.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(2);

        one.getRepositoryService().activateProcessDefinitionById(definition, true, null);
        two.getTaskService().claim(open, "li");
        two.getTaskService().complete(claimed);
        assertThat(two.getRuntimeService().createProcessInstanceQuery().processInstanceId(first).count()).isZero();
        assertThat(two.getRuntimeService().startProcessInstanceById(definition, "CF-3")).isNotNull();
    }

    @Test
    void aDefinitionSuspendedAloneOnOneNodeStopsNewInstancesOnBothWhileRunningOnesGoOn() {
        ProcessEngine one = start(true);
        ProcessEngine two = start(true);
        String definition = deploy(one);
        String first = one.getRuntimeService().startProcessInstanceById(definition, "CF-1").getId();
        two.getTaskService().createTaskQuery().initializeFormKeys().list();

        one.getRepositoryService().suspendProcessDefinitionById(definition);

        // node two's poll and claim leave its cached definition as it was (active); its start reads the row
        String task = two.getTaskService().createTaskQuery().active().initializeFormKeys().singleResult().getId();
        two.getTaskService().claim(task, "wang");
        for (ProcessEngine node : List.of(two, one)) {
            assertThatThrownBy(() -> node.getRuntimeService().startProcessInstanceById(definition, "CF-2"))
                    .isInstanceOf(ProcessEngineException.class).hasMessageContaining("suspended");
            assertThatThrownBy(() -> node.getRuntimeService().startProcessInstanceByKey("definitions", "CF-2"))
                    .isInstanceOf(ProcessEngineException.class).hasMessageContaining("suspended");
        }
        two.getTaskService().complete(task);
        assertThat(one.getRuntimeService().createProcessInstanceQuery().processInstanceId(first).count())
                .as("the running instance ended").isZero();
        assertThat(one.getRuntimeService().createProcessInstanceQuery().count()).as("no new instance").isZero();
    }

    @Test
    void aClaimOfAnotherUsersOrAMissingTaskFailsAsBefore() {
        ProcessEngine node = start(true);
        String definition = deploy(node);
        String instance = node.getRuntimeService().startProcessInstanceById(definition, "CF-1").getId();
        String task = task(node, instance).getId();
        node.getTaskService().claim(task, "wang");
        assertThatThrownBy(() -> node.getTaskService().claim(task, "li"))
                .hasMessageContaining("already claimed");
        assertThatThrownBy(() -> node.getTaskService().claim("no-such-task", "li"))
                .hasMessageContaining("Cannot find task with id no-such-task");
        assertThat(task(node, instance).getAssignee()).isEqualTo("wang");
    }

    private ProcessEngine start(boolean cache) {
        var configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("definitions-" + UUID.randomUUID());
        configuration.setJdbcUrl(url);
        configuration.setDatabaseSchemaUpdate("true"); // the second node finds the first one's tables
        configuration.setJobExecutorActivate(false);
        if (cache) {
            // as the application's engine has them: history names the definition from the cache too
            configuration.getProcessEnginePlugins().add(new DecisionsByDeployment());
            configuration.getProcessEnginePlugins().add(new HistoryDefinitionsFromCache());
        }
        ProcessEngine engine = configuration.buildProcessEngine();
        engines.add(engine);
        return engine;
    }

    private static String deploy(ProcessEngine engine) {
        engine.getRepositoryService().createDeployment()
                .addModelInstance("definitions.bpmn", Bpmn.createExecutableProcess("definitions")
                        .camundaHistoryTimeToLive(1).startEvent().userTask("Task_Handle")
                        .camundaFormKey("camunda-forms:deployment:handle.form").endEvent().done())
                .deploy();
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("definitions")
                .singleResult().getId();
    }

    private static Task task(ProcessEngine engine, String instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
    }

    /** How often the step read a process definition's row by its id (the test's engines run on H2). */
    private static long definitionReads(ProcessEngine engine, Runnable step) throws Exception {
        DataSource dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
        return H2QueryStatistics.onH2(JdbcClient.create(dataSource), "%from act_re_procdef%id_ = ?%", step::run);
    }
}
