package io.complaintflow;

import io.complaintflow.engine.FormValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.boot.test.context.TestComponent;

/**
 * Lifecycle models of another generation or version, run under probe keys beside the real ones so the shared
 * context's models stay untouched: a model as it was (a test resource, {@link #resource}) or as it is now
 * ({@link #current}) is deployed under the probe's keys with the forms it shows, and a complaint filed as usual is
 * handed over to it ({@link #takeOver}, {@link #routedToLogistics}).
 */
@TestComponent
public class ProbeModels {

    /** The keys a probe's lifecycle and department models run under. */
    public record Keys(String lifecycle, String department) {

        /** The model under these keys: its process, its call of department handling and its diagram. */
        public String apply(String bpmn) {
            return bpmn.replace("id=\"complaint-handling\"", "id=\"" + lifecycle + "\"")
                    .replace("id=\"department-handling\"", "id=\"" + department + "\"")
                    .replace("calledElement=\"department-handling\"", "calledElement=\"" + department + "\"")
                    .replace("bpmnElement=\"complaint-handling\"", "bpmnElement=\"" + lifecycle + "\"")
                    .replace("bpmnElement=\"department-handling\"", "bpmnElement=\"" + department + "\"");
        }
    }

    private final RepositoryService repository;
    private final RuntimeService runtime;

    public ProbeModels(RepositoryService repository, RuntimeService runtime) {
        this.repository = repository;
        this.runtime = runtime;
    }

    /** The lifecycle and department models under the probe's keys, with every form and the compensation table. */
    public DeploymentWithDefinitions deploy(String name, Keys keys, String lifecycle, String department) {
        return models(name, keys, lifecycle, department).deployWithResult();
    }

    /** The same with the deadline ladder as it is now, which the models call from their own deployment. */
    public DeploymentWithDefinitions deployWithLadder(String name, Keys keys, String lifecycle, String department) {
        return models(name, keys, lifecycle, department)
                .addString("deadline-ladder.bpmn", current("processes/deadline-ladder.bpmn")).deployWithResult();
    }

    private DeploymentBuilder models(String name, Keys keys, String lifecycle, String department) {
        DeploymentBuilder deployment = repository.createDeployment().name("probe-" + keys.lifecycle() + "-" + name)
                .addString("complaint-handling.bpmn", keys.apply(lifecycle))
                .addString("department-handling.bpmn", keys.apply(department))
                .addString("compensation-authority.dmn", current("processes/compensation-authority.dmn"));
        try (var forms = Files.list(Path.of("forms"))) {
            forms.forEach(f -> deployment.addString(f.getFileName().toString(), current(f.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deployment;
    }

    /** The id of the deployment's definition of this key. */
    public static String definition(DeploymentWithDefinitions deployment, String key) {
        return deployment.getDeployedProcessDefinitions().stream().filter(d -> d.getKey().equals(key)).findFirst()
                .orElseThrow().getId();
    }

    /** The definition the instance runs on now (after a migration, perhaps another than it started on). */
    public String definitionOf(ProcessInstance instance) {
        return runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
                .getProcessDefinitionId();
    }

    /** The case's complaint leaves the processes intake started for it, so that a probe's instance can take it. */
    public void takeOver(String caseNumber) {
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).list()
                .forEach(p -> runtime.deleteProcessInstanceIfExists(p.getId(), "probe: another model instead", true,
                        true, true, false));
    }

    /** What the lifecycle held for a routine delivery complaint graded G1 and routed to logistics. */
    public static VariableMap routedToLogistics(String caseNumber) {
        return Variables.createVariables().putValue("caseNumber", caseNumber)
                .putValue("channel", "hotline").putValue("category", "delivery").putValue("grade", "G1")
                .putValue("departments", FormValues.jsonList(List.of("logistics")))
                .putValue("leadDepartment", "logistics")
                .putValue("departmentSla", "P3D").putValue("callbackWait", "P3D").putValue("resolvedAtIntake", false)
                .putValue("reviewRequired", false).putValue("rejectionCount", 0);
    }

    /** A model, form or table as the test resources keep it (an older generation, e.g. models/generation-2/…). */
    public static String resource(String path) {
        try (InputStream in = ProbeModels.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model, form or table as the working tree has it now (processes/…, forms/…). */
    public static String current(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
