package io.complaintflow.complaint;

import io.complaintflow.engine.StartupOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Complaints that were running when the case view left the engine still hold its last copy — {@code complaintSummary}
 * and {@code timelineText}, with the customer's name, phone and e-mail — and the forms of generation-1 instances (which
 * finish on their own version) still show these fields. At start-up every such copy is replaced by {@link #POINTER},
 * which sends the handler to the 案卷 tab; the fields of a crisis of a mass incident (the incident, no single case) stay.
 * Idempotent and safe on several nodes at once (a value already replaced is not touched again).
 */
@Component
@Order(StartupOrder.DEPLOY + 1)
public class RetiredCaseView implements ApplicationRunner {

    public static final String POINTER = "投诉信息与处理经过请看本任务的「案卷」标签页（实时读取工单记录）。";

    private static final Logger LOG = LoggerFactory.getLogger(RetiredCaseView.class);
    private static final String MASS_INCIDENT = "massIncidentId";
    private static final int PAGE = 500;

    private final RuntimeService runtime;
    private final TaskService tasks;

    public RetiredCaseView(RuntimeService runtime, TaskService tasks) {
        this.runtime = runtime;
        this.tasks = tasks;
    }

    @Override
    public void run(ApplicationArguments args) {
        int replaced = retire();
        if (replaced > 0) {
            LOG.info("Replaced {} copies of the old case view in running processes by a pointer to the 案卷 tab", replaced);
        }
    }

    /** Replaces every remaining copy; returns how many variables it replaced. */
    public int retire() {
        int replaced = 0;
        Map<String, Boolean> massIncident = new HashMap<>();
        for (String name : List.of(CaseFileVariables.SUMMARY, CaseFileVariables.TIMELINE)) {
            int skipped = 0;
            while (true) {
                List<VariableInstance> page = runtime.createVariableInstanceQuery()
                        .variableValueNotEquals(name, POINTER).disableBinaryFetching()
                        .disableCustomObjectDeserialization().listPage(skipped, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                for (VariableInstance v : page) {
                    if (massIncident.computeIfAbsent(v.getProcessInstanceId(),
                            id -> runtime.getVariable(id, MASS_INCIDENT) != null)) {
                        skipped++;
                        continue;
                    }
                    if (v.getTaskId() != null) {
                        tasks.setVariableLocal(v.getTaskId(), name, POINTER);
                    } else {
                        runtime.setVariableLocal(v.getExecutionId(), name, POINTER);
                    }
                    replaced++;
                }
            }
        }
        return replaced;
    }
}
