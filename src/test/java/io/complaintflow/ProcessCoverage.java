package io.complaintflow;

import io.complaintflow.testdb.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Flow-node coverage of the lifecycle models over every instance a test run started in the shared engine,
 * measured when the run ends (a JUnit Platform listener, so no test has to run last). It prints the figures and
 * writes them to {@code target/process-coverage-<database>.properties}, where {@link ProcessCoverageCheck} asserts
 * them after the H2 pass.
 */
public class ProcessCoverage implements TestExecutionListener {

    /**
     * Not generation 2's deadline ladder process: its activities keep no history (engine/HistoryWithoutPlumbing), and
     * since generation 3 only instances started before it run it (LadderGenerationsTest walks them to their end).
     * Generation 3's ladder is a task of its callers, counted with them; DeadlineLadderTest walks its paths (a step
     * and the next job, a parked job, leaving the task after the last step).
     */
    static final List<String> MODELS = List.of("complaint-handling", "department-handling",
            "regulator-reply", "mail-outage", "surge-response", "crisis-response", "campaign-315",
            "internal-forwarding", "pdca-review");

    /** Set in the surefire execution that runs {@link ProcessCoverageCheck}. */
    static final String CHECK = "complaintflow.coverage.check";

    static Path file(String database) {
        return Path.of("target", "process-coverage-" + database + ".properties");
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (System.getProperty(CHECK) != null) {
            return; // the check's own run
        }
        ProcessEngine engine = ProcessEngines.getProcessEngines().get(ProcessEngines.NAME_DEFAULT);
        Properties figures = new Properties();
        // -Dtest=… runs a selection: its coverage is printed, not checked
        figures.setProperty("wholeSuite", String.valueOf(System.getProperty("test") == null && engine != null));
        for (String key : engine == null ? List.<String>of() : MODELS) {
            var definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
                    .latestVersion().singleResult();
            Set<String> nodes = new HashSet<>();
            engine.getRepositoryService().getBpmnModelInstance(definition.getId())
                    .getModelElementsByType(FlowNode.class).forEach(n -> nodes.add(n.getId()));
            Set<String> visited = new HashSet<>();
            engine.getHistoryService().createHistoricActivityInstanceQuery().processDefinitionId(definition.getId())
                    .list().stream()
                    .map(HistoricActivityInstance::getActivityId)
                    .map(id -> id.replace("#multiInstanceBody", ""))
                    .filter(nodes::contains).forEach(visited::add);
            Set<String> missed = new TreeSet<>(nodes);
            missed.removeAll(visited);
            System.out.printf("Flow-node coverage of %s: %.1f%% (%d of %d)%s%n", key,
                    100.0 * visited.size() / nodes.size(), visited.size(), nodes.size(),
                    missed.isEmpty() ? "" : ", not reached: " + missed);
            figures.setProperty(key + ".visited", String.valueOf(visited.size()));
            figures.setProperty(key + ".nodes", String.valueOf(nodes.size()));
            figures.setProperty(key + ".missed", String.join(" ", missed));
        }
        Path file = file(TestDatabase.postgresRun() ? "postgres" : "h2");
        try {
            Files.createDirectories(file.getParent());
            try (var out = Files.newBufferedWriter(file)) {
                figures.store(out, "flow-node coverage of the lifecycle models (ProcessCoverage)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
