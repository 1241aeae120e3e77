package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules for every model in processes/ and form in forms/, checked with Camunda's model API so they
 * hold without Node (CI also runs bpmnlint): diagrams, labels, stable IDs, history time to live, forms.
 */
class ModelHouseRulesTest {

    private static final List<String> NODE_PREFIXES =
            List.of("StartEvent_", "EndEvent_", "Event_", "Task_", "Gateway_", "Activity_");

    private static final Map<Path, BpmnModelInstance> BPMN = new HashMap<>();
    private static final Map<String, Path> FORMS = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        for (Path file : files("processes", ".bpmn")) {
            BPMN.put(file, Bpmn.readModelFromFile(file.toFile()));
        }
        ObjectMapper json = new ObjectMapper();
        for (Path file : files("forms", ".form")) {
            JsonNode form = json.readTree(file.toFile());
            assertThat(form.path("id").asText()).as("form id of " + file)
                    .isEqualTo(file.getFileName().toString().replace(".form", ""));
            assertThat(FORMS.put(form.get("id").asText(), file)).as("form id used twice: " + file).isNull();
        }
        assertThat(BPMN).isNotEmpty();
    }

    @Test
    void everyFlowNodeAndFlowIsDrawnSoTheModelOpensInModeler() {
        List<String> problems = new ArrayList<>();
        BPMN.forEach((file, model) -> {
            List<String> drawn = new ArrayList<>();
            model.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
            model.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
            Stream.concat(model.getModelElementsByType(FlowNode.class).stream(),
                            model.getModelElementsByType(SequenceFlow.class).stream())
                    .map(BaseElement::getId).filter(id -> !drawn.contains(id))
                    .forEach(id -> problems.add(file + ": " + id + " has no shape in the diagram"));
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyExecutableProcessKeepsHistoryForALimitedTime() {
        BPMN.forEach((file, model) -> model.getModelElementsByType(Process.class).stream()
                .filter(Process::isExecutable)
                .forEach(p -> assertThat(p.getCamundaHistoryTimeToLiveString()).as(file + " " + p.getId())
                        .isNotBlank()));
    }

    @Test
    void idsSayWhatTheyAreAndLabelsAreWrittenForPeople() {
        List<String> problems = new ArrayList<>();
        BPMN.forEach((file, model) -> {
            for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                if (NODE_PREFIXES.stream().noneMatch(node.getId()::startsWith)) {
                    problems.add(file + ": " + node.getId() + " does not follow the ID scheme " + NODE_PREFIXES);
                }
                boolean mergeOnly = node instanceof Gateway && node.getOutgoing().size() == 1;
                if (!mergeOnly && (node.getName() == null || node.getName().isBlank())) {
                    problems.add(file + ": " + node.getId() + " has no label");
                }
                // Cockpit's diagram and Modeler show a label as written: a task's name that needs the instance (the
                // department) is set when the task is created (e.g. department/DepartmentTaskListener)
                if (node.getName() != null && (node.getName().contains("${") || node.getName().contains("#{"))) {
                    problems.add(file + ": " + node.getId() + " has an expression in its label: " + node.getName());
                }
            }
            for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
                if (!flow.getId().startsWith("Flow_")) {
                    problems.add(file + ": " + flow.getId() + " does not start with Flow_");
                }
                if (flow.getSource() instanceof ExclusiveGateway && flow.getSource().getOutgoing().size() > 1
                        && (flow.getName() == null || flow.getConditionExpression() == null)) {
                    problems.add(file + ": " + flow.getId() + " leaves a decision without label or condition");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyUserTaskHasAFormFromTheSameDeployment() {
        List<String> problems = new ArrayList<>();
        BPMN.forEach((file, model) -> {
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                String ref = task.getCamundaFormRef();
                if (ref == null || !FORMS.containsKey(ref)) {
                    problems.add(file + ": " + task.getId() + " refers to form " + ref + ", not in forms/");
                }
                if (!"deployment".equals(task.getCamundaFormRefBinding())) {
                    problems.add(file + ": " + task.getId() + " must bind its form to the deployment");
                }
                if (task.getCamundaCandidateGroups() == null && task.getCamundaAssignee() == null) {
                    problems.add(file + ": " + task.getId() + " has nobody to do it");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDecisionKeepsHistoryForALimitedTimeAndExplainsItsRules() throws IOException {
        for (Path file : files("processes", ".dmn")) {
            DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
            for (Decision decision : model.getModelElementsByType(Decision.class)) {
                assertThat(decision.getCamundaHistoryTimeToLiveString()).as(file + " " + decision.getId())
                        .isNotBlank();
            }
            for (Rule rule : model.getModelElementsByType(Rule.class)) {
                assertThat(rule.getDescription()).as(file + " " + rule.getId() + " description").isNotNull();
            }
        }
    }

    private static List<Path> files(String folder, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of(folder))) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
