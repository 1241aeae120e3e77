package io.complaintflow.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * A model's generation: the process property {@code complaintflow.modelGeneration} (1 when absent). A new generation
 * marks a change running instances cannot be moved across — they finish on the version they started on (see
 * {@link ModelMigrator}) — and tells code shared by both generations which of them it serves.
 */
public final class ModelGeneration {

    public static final String PROPERTY = "complaintflow.modelGeneration";

    private static final Map<String, Integer> BY_DEFINITION = new ConcurrentHashMap<>();

    private ModelGeneration() {
    }

    /** The generation of the model the execution runs on (cached per process definition). */
    public static int of(DelegateExecution execution) {
        return BY_DEFINITION.computeIfAbsent(execution.getProcessDefinitionId(),
                id -> of(execution.getBpmnModelInstance()));
    }

    /** The generation of the (first executable) process of a model. */
    public static int of(BpmnModelInstance model) {
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (!process.isExecutable() || process.getExtensionElements() == null) {
                continue;
            }
            for (CamundaProperty property : process.getExtensionElements().getElementsQuery()
                    .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list()
                    .stream().flatMap(p -> p.getCamundaProperties().stream()).toList()) {
                if (PROPERTY.equals(property.getCamundaName())) {
                    return Integer.parseInt(property.getCamundaValue().strip());
                }
            }
        }
        return 1;
    }

    /**
     * A value a gateway of the same step decides on: generation 2 keeps it in memory only (a transient variable: no
     * row, no history), generation 1 stored it.
     */
    public static void decide(DelegateExecution execution, String name, Object value) {
        if (boundaryTimers(execution)) {
            execution.setVariable(name, value);
        } else {
            execution.setVariable(name, org.camunda.bpm.engine.variable.Variables.untypedValue(value, true));
        }
    }

    /** Models before the deadline ladder: boundary timers fed by deadline variables. */
    public static boolean boundaryTimers(DelegateExecution execution) {
        return of(execution) < 2;
    }
}
