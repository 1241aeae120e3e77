package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The BPMN 2.0 schema compiled once validates as the engine's per-file compilation does: every model of processes/
 * is parsed into the same activities, a file the schema refuses is refused with the same problems, and a DOCTYPE is
 * refused as the engine refuses it.
 */
class BpmnSchemaOnceTest {

    private static final String PROCESS_WITH_AN_UNKNOWN_ELEMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://complaintflow.io/bpmn">
              <process id="p" isExecutable="true" camunda:historyTimeToLive="1">
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="task"/>
                <task id="task"><notInTheSchema/></task>
                <sequenceFlow id="f2" sourceRef="task" targetRef="end"/>
                <endEvent id="end"/>
              </process>
            </definitions>""";

    private static final String PROCESS_WITH_A_DOCTYPE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE definitions [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
              <process id="p" isExecutable="true" name="&secret;"/>
            </definitions>""";

    private final List<ProcessEngine> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(ProcessEngine::close);
    }

    @Test
    void theEngineIsGivenTheParseWithTheCompiledSchema() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) start(true).getProcessEngineConfiguration();
        assertThat(configuration.getBpmnParseFactory()
                .createBpmnParse(new BpmnParser(configuration.getExpressionManager(), configuration.getBpmnParseFactory())))
                .isInstanceOf(BpmnSchemaOnce.CompiledSchemaParse.class);
    }

    @Test
    void everyModelIsParsedIntoTheSameActivitiesAsByTheEngineAlone() throws IOException {
        Map<String, List<String>> alone = parseModels(start(false));
        Map<String, List<String>> once = parseModels(start(true));
        assertThat(once).as("process definitions and their activities").isEqualTo(alone);
        assertThat(once).containsKeys("complaint-handling", "department-handling", "deadline-ladder");
    }

    @Test
    void aFileTheSchemaRefusesIsRefusedWithTheSameProblems() {
        List<String> alone = problems(start(false), PROCESS_WITH_AN_UNKNOWN_ELEMENT);
        List<String> once = problems(start(true), PROCESS_WITH_AN_UNKNOWN_ELEMENT);
        assertThat(once).isEqualTo(alone);
        assertThat(once).anySatisfy(message -> assertThat(message).contains("notInTheSchema"));
    }

    @Test
    void aDoctypeIsRefusedAsByTheEngineAlone() {
        List<String> alone = problems(start(false), PROCESS_WITH_A_DOCTYPE);
        List<String> once = problems(start(true), PROCESS_WITH_A_DOCTYPE);
        assertThat(once).isEqualTo(alone);
        assertThat(once).anySatisfy(message -> assertThat(message).contains("DOCTYPE"));
    }

    private ProcessEngine start(boolean schemaOnce) {
        var configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("schema-" + UUID.randomUUID());
        configuration.setJdbcUrl("jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        if (schemaOnce) {
            configuration.getProcessEnginePlugins().add(new BpmnSchemaOnce());
        }
        ProcessEngine engine = configuration.buildProcessEngine();
        engines.add(engine);
        return engine;
    }

    /**
     * Every BPMN file of processes/, parsed by the engine's BPMN parser as its deployer parses them (deploying would
     * also start the models' timers, whose dates need the application's beans); per process definition key the ids
     * and behaviours of all its activities.
     */
    private static Map<String, List<String>> parseModels(ProcessEngine engine) throws IOException {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        BpmnParser parser = new BpmnParser(configuration.getExpressionManager(), configuration.getBpmnParseFactory());
        Map<String, List<String>> activities = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                String xml = Files.readString(file);
                DeploymentEntity deployment = new DeploymentEntity();
                deployment.setId(UUID.randomUUID().toString());
                List<ProcessDefinitionEntity> parsed = configuration.getCommandExecutorTxRequired().execute(context ->
                        parser.createParse().sourceString(xml).deployment(deployment).name(file.toString())
                                .execute().getProcessDefinitions());
                parsed.forEach(definition -> activities.put(definition.getKey(), activityIds(definition.getActivities())));
            }
        }
        return activities;
    }

    private static List<String> activityIds(List<ActivityImpl> activities) {
        return activities.stream()
                .flatMap(a -> Stream.concat(Stream.of(a.getId() + ":" + behaviour(a)),
                        activityIds(a.getActivities()).stream()))
                .sorted().toList();
    }

    private static String behaviour(ActivityImpl activity) {
        return activity.getActivityBehavior() == null ? "none" : activity.getActivityBehavior().getClass().getSimpleName();
    }

    /** The problems of a refused file; a file the SAX parser gives up on is refused with the parser's message. */
    private static List<String> problems(ProcessEngine engine, String bpmn) {
        ProcessEngineException refused = catchThrowableOfType(() -> engine.getRepositoryService().createDeployment()
                .addString("p.bpmn", bpmn).deploy(), ProcessEngineException.class);
        assertThat(refused).as("refused").isNotNull();
        if (refused instanceof ParseException parse) {
            return parse.getResorceReports().stream()
                    .flatMap(report -> report.getErrors().stream())
                    .map(Problem::getMessage)
                    .toList();
        }
        return List.of(refused.getClass().getSimpleName() + ": " + refused.getMessage()
                + (refused.getCause() == null ? "" : " / " + refused.getCause().getMessage()));
    }
}
