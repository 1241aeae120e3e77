package io.complaintflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Runs last (see junit-platform.properties) and measures flow-node coverage of the lifecycle models over every
 * instance the test run started in the shared engine. Printed for the record, asserted above 90%.
 */
@ComplaintFlowTest
@Order(Integer.MAX_VALUE)
class ProcessCoverageTest {

    @Autowired RepositoryService repository;
    @Autowired HistoryService history;

    @Test
    void theTestRunWalksMoreThan90PercentOfEveryLifecycleModel() {
        for (String key : List.of("complaint-handling", "department-handling", "deadline-ladder", "regulator-reply",
                "mail-outage", "surge-response",
                "crisis-response", "campaign-315", "internal-forwarding", "pdca-review")) {
            var definition = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                    .singleResult();
            Set<String> nodes = new HashSet<>();
            repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(FlowNode.class)
                    .forEach(n -> nodes.add(n.getId()));
            Set<String> visited = new HashSet<>();
            history.createHistoricActivityInstanceQuery().processDefinitionId(definition.getId()).list().stream()
                    .map(HistoricActivityInstance::getActivityId)
                    .map(id -> id.replace("#multiInstanceBody", ""))
                    .filter(nodes::contains).forEach(visited::add);
            Set<String> missed = new HashSet<>(nodes);
            missed.removeAll(visited);
            double coverage = (double) visited.size() / nodes.size();
            System.out.printf("Flow-node coverage of %s: %.1f%% (%d of %d)%s%n", key, coverage * 100,
                    visited.size(), nodes.size(), missed.isEmpty() ? "" : ", not reached: " + missed);
            assertThat(coverage).as("flow-node coverage of " + key).isGreaterThan(0.9);
        }
    }
}
