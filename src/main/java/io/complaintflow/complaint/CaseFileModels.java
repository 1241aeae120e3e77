package io.complaintflow.complaint;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Whether a model's forms read the answer script and similar complaints from the 案卷 tab's 参考 section: the process
 * property {@code complaintflow.caseFile} = {@code reference} (Modeler: 扩展属性). Forms are deployed with their model
 * ({@code formRefBinding="deployment"}), so a process without it runs with forms that show copies of them.
 */
public final class CaseFileModels {

    public static final String PROPERTY = "complaintflow.caseFile";
    public static final String REFERENCE = "reference";

    private static final Map<String, Boolean> BY_DEFINITION = new ConcurrentHashMap<>();

    private CaseFileModels() {
    }

    /** Cached per process definition: no statement after the first look at a version's model. */
    public static boolean readsReference(String processDefinitionId, Supplier<BpmnModelInstance> model) {
        return BY_DEFINITION.computeIfAbsent(processDefinitionId, id -> readsReference(model.get()));
    }

    public static boolean readsReference(BpmnModelInstance model) {
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (!process.isExecutable() || process.getExtensionElements() == null) {
                continue;
            }
            for (CamundaProperties properties : process.getExtensionElements().getElementsQuery()
                    .filterByType(CamundaProperties.class).list()) {
                for (CamundaProperty property : properties.getCamundaProperties()) {
                    if (PROPERTY.equals(property.getCamundaName())) {
                        return REFERENCE.equals(property.getCamundaValue().strip());
                    }
                }
            }
        }
        return false;
    }
}
