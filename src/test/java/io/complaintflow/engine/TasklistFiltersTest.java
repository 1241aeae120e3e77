package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Each person sees only their own work in the filters made for them. */
@ComplaintFlowTest
class TasklistFiltersTest {

    @Autowired FilterService filters;
    @Autowired IdentityService identity;
    @Autowired TestScenarios scenarios;
    @Autowired org.camunda.bpm.engine.TaskService taskService;
    @Autowired io.complaintflow.crisis.CrisisStarter crises;

    @AfterEach
    void logout() {
        identity.clearAuthentication();
    }

    @Test
    void aDepartmentSeesItsOwnTasksInItsFilterAndNotAnotherDepartments() {
        String quality = scenarios.routine("product-quality");
        String logistics = scenarios.routine("delivery");

        List<String> seenByQuality = casesIn(TasklistFilters.MY_GROUPS, "quality", "dept-quality");
        assertThat(seenByQuality).contains(quality).doesNotContain(logistics);
        List<String> seenByLogistics = casesIn(TasklistFilters.MY_GROUPS, "logistics", "dept-logistics");
        assertThat(seenByLogistics).contains(logistics).doesNotContain(quality);
    }

    @Test
    void myTasksShowsWhatIClaimedAndNobodyElses() {
        String caseNumber = scenarios.routine("billing");
        scenarios.complete(scenarios.departmentTask(caseNumber, "billing"), "billing",
                java.util.Map.of("outcome", "propose", "proposal", "退费", "rootCause", "process"));
        Task answer = scenarios.task(caseNumber, "Task_AnswerCustomer");
        taskService.claim(answer.getId(), "center");

        assertThat(casesIn(TasklistFilters.MY_TASKS, "center", "complaint-center")).contains(caseNumber);
        assertThat(casesIn(TasklistFilters.MY_TASKS, "manager", "complaint-managers")).doesNotContain(caseNumber);
        assertThat(casesIn(TasklistFilters.CENTER, "center", "complaint-center")).contains(caseNumber);
    }

    @Test
    void theEmergencyGroupFindsItsCrisisWorkInOneFilter() {
        crises.byHand("MANUAL", "过滤器测试危机", "仅用于过滤器测试", "system");
        identity.setAuthentication("commander", List.of("emergency-group"));
        String filterId = filters.createFilterQuery().filterName(TasklistFilters.READINESS).singleResult().getId();
        assertThat(filters.<Task>list(filterId)).extracting(Task::getTaskDefinitionKey)
                .contains("Task_AcknowledgeCommand").doesNotContain("Task_DraftStatement");
        identity.setAuthentication("pr", List.of("dept-pr"));
        assertThat(filters.<Task>list(filterId)).extracting(Task::getTaskDefinitionKey).contains("Task_DraftStatement")
                .doesNotContain("Task_AcknowledgeCommand", "Task_HandleComplaint");
    }

    private List<String> casesIn(String filterName, String user, String group) {
        identity.setAuthentication(user, List.of(group));
        String filterId = filters.createFilterQuery().filterName(filterName).singleResult().getId();
        List<Task> found = filters.list(filterId);
        return found.stream().map(t -> scenarios.caseNumberOf(t)).toList();
    }
}
