package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.sla.DeadlineTimers;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.JobState;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricJobLogEventEntity;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * History at level {@code full} without the engine's bookkeeping: the multi-instance counters, the task list's column
 * copies and form-property details run as before but leave no history; every other variable keeps its history. The
 * deadline ladder's job creations leave none either (generation 2: nor its activities); the job log of its steps does.
 */
@ComplaintFlowTest
class HistoryWithoutPlumbingTest {

    @Autowired ProcessEngine engine;
    @Autowired TestScenarios scenarios;
    @Autowired DeadlineScenarios time;
    @Autowired DataSource dataSource;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void bookkeepingIsNotHistoryButEveryVariableOfTheBusinessIs() {
        assertThat(HistoryWithoutPlumbing.plumbing(variable("nrOfActiveInstances", null))).isTrue();
        assertThat(HistoryWithoutPlumbing.plumbing(variable("loopCounter", null))).isTrue();
        assertThat(HistoryWithoutPlumbing.plumbing(variable("listGrade", "task-1"))).isTrue();
        assertThat(HistoryWithoutPlumbing.plumbing(new HistoricFormPropertyEventEntity())).isTrue();

        assertThat(HistoryWithoutPlumbing.plumbing(variable("grade", null))).isFalse();
        assertThat(HistoryWithoutPlumbing.plumbing(variable("grade", "task-1"))).isFalse();
        assertThat(HistoryWithoutPlumbing.plumbing(variable("listGrade", null))).as("a process variable of that name")
                .isFalse();
        assertThat(HistoryWithoutPlumbing.plumbing(new HistoricActivityInstanceEventEntity())).isFalse();
        assertThat(HistoryWithoutPlumbing.plumbing(activity("complaint-handling"))).isFalse();
        assertThat(HistoryWithoutPlumbing.plumbing(activity(DeadlineTimers.LADDER))).isTrue();
        assertThat(HistoryWithoutPlumbing.LADDER).isEqualTo(DeadlineTimers.LADDER);
        assertThat(HistoryWithoutPlumbing.LADDER_JOB).isEqualTo(DeadlineTimers.LADDER_JOB);
        assertThat(HistoryWithoutPlumbing.plumbing(jobLog(JobState.CREATED, DeadlineTimers.LADDER_JOB))).isTrue();
        assertThat(HistoryWithoutPlumbing.plumbing(jobLog(JobState.SUCCESSFUL, DeadlineTimers.LADDER_JOB))).isFalse();
        assertThat(HistoryWithoutPlumbing.plumbing(jobLog(JobState.FAILED, DeadlineTimers.LADDER_JOB))).isFalse();
        assertThat(HistoryWithoutPlumbing.plumbing(jobLog(JobState.CREATED, "async-continuation"))).isFalse();
    }

    @Test
    void theEngineStillRunsOnThemAndHistoryKeepsTheRest() {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getHistoryLevel().getName()).isEqualTo("full");

        String caseNumber = scenarios.routine("billing");
        Task task = scenarios.departmentTask(caseNumber, "billing");
        assertThat(engine.getTaskService().getVariablesLocal(task.getId())).containsEntry("listCaseNumber", caseNumber);
        assertThat(engine.getRuntimeService().createVariableInstanceQuery().variableName("nrOfInstances")
                .processInstanceIdIn(lifecycle(caseNumber)).count()).isEqualTo(1);
        time.fire(caseNumber, "Event_DepartmentWarning"); // a step of the department's deadline ladder
        scenarios.propose(caseNumber, "billing", "billing", "退还多扣的费用");

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String roots = "select distinct root_proc_inst_id_ from act_hi_procinst where business_key_ = ?";
        // the ladders (generation 3: a task of each caller, one job at a time): the job log of their step is history,
        // not that their jobs were created; the ladder task is an activity of its caller like any other
        assertThat(jdbc.queryForObject("select count(*) from act_hi_job_log where job_def_type_ = ?"
                + " and job_state_ = 2 and act_id_ = 'Activity_DepartmentDeadline' and root_proc_inst_id_ in (" + roots
                + ")", Integer.class, DeadlineTimers.LADDER_JOB, caseNumber)).as("the step's job ran, and where")
                .isPositive();
        assertThat(jdbc.queryForObject("select count(*) from act_hi_job_log where job_def_type_ = ?"
                + " and job_state_ = 0 and root_proc_inst_id_ in (" + roots + ")", Integer.class,
                DeadlineTimers.LADDER_JOB, caseNumber)).as("not that its jobs were created").isZero();
        assertThat(jdbc.queryForObject("select count(*) from act_hi_job_log where job_def_type_ <> ?"
                + " and job_state_ = 0 and root_proc_inst_id_ in (" + roots + ")", Integer.class,
                DeadlineTimers.LADDER_JOB, caseNumber)).as("other jobs' creation is").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from act_hi_procinst where proc_def_key_ = ?"
                + " and business_key_ = ?", Integer.class, DeadlineTimers.LADDER, caseNumber)).as("no ladder instance")
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from act_hi_actinst where act_id_ in"
                + " ('Activity_DepartmentDeadline', 'Activity_ResolutionDeadlines') and root_proc_inst_id_ in (" + roots
                + ")", Integer.class, caseNumber)).as("entered once each").isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from act_hi_actinst where act_id_ = 'Task_HandleComplaint'"
                + " and end_time_ is not null and root_proc_inst_id_ in (" + roots + ")", Integer.class, caseNumber))
                .as("the business's activities are").isEqualTo(1);
        List<String> kept = jdbc.queryForList("select distinct name_ from act_hi_varinst where root_proc_inst_id_ in ("
                + roots + ")", String.class, caseNumber);
        assertThat(kept).contains("caseNumber", "grade", "department", "outcome", "proposal", "compensation")
                .doesNotContain("nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances", "loopCounter",
                        "listCaseNumber", "listGrade", "listCategory", "listChannel");
        assertThat(jdbc.queryForObject("select count(*) from act_hi_detail where type_ = 'FormProperty'"
                + " and root_proc_inst_id_ in (" + roots + ")", Integer.class, caseNumber)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from act_hi_detail where"
                + " root_proc_inst_id_ in (" + roots + ")", Integer.class, caseNumber))
                .as("no value details (complaintflow.history.variable-details)").isZero();
        assertThat(jdbc.queryForList("select text_ from act_hi_varinst where name_ = 'proposal'"
                + " and root_proc_inst_id_ in (" + roots + ")", String.class, caseNumber))
                .as("the submitted proposal: the variable's history row, its last value").containsExactly("退还多扣的费用");
    }

    @Test
    void aTasksIdentityLinksStayAtRuntimeButWhoClaimedItIsLoggedOnceAsAUserOperation() {
        HistoryEventHandler none = new HistoryEventHandler() {
            @Override
            public void handleEvent(HistoryEvent event) {
            }

            @Override
            public void handleEvents(List<HistoryEvent> events) {
            }
        };
        assertThat(new HistoryWithoutPlumbing.Filter(none, false).kept(new HistoricIdentityLinkLogEventEntity()))
                .isFalse();
        assertThat(new HistoryWithoutPlumbing.Filter(none, true).kept(new HistoricIdentityLinkLogEventEntity()))
                .as("complaintflow.history.identity-links").isTrue();

        String caseNumber = scenarios.routine("billing");
        Task task = scenarios.departmentTask(caseNumber, "billing");
        assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
                .as("the runtime link Tasklist and the grants read").contains("dept-billing");
        engine.getIdentityService().setAuthentication("billing-handler", List.of("dept-billing"));
        try {
            engine.getTaskService().claim(task.getId(), "billing-handler");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("select count(*) from act_hi_identitylink where task_id_ = ?", Integer.class,
                task.getId())).as("neither the candidate group nor the assignee logged").isZero();
        assertThat(jdbc.queryForObject("select count(*) from act_hi_op_log where task_id_ = ? and operation_type_ ="
                + " 'Claim' and user_id_ = 'billing-handler' and new_value_ = 'billing-handler'", Integer.class,
                task.getId())).as("the claim, by whom").isEqualTo(1);
        assertThat(jdbc.queryForObject("select assignee_ from act_hi_taskinst where id_ = ?", String.class,
                task.getId())).isEqualTo("billing-handler");
    }

    private String lifecycle(String caseNumber) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .processDefinitionKey("complaint-handling").singleResult().getId();
    }

    private static HistoricActivityInstanceEventEntity activity(String processKey) {
        HistoricActivityInstanceEventEntity event = new HistoricActivityInstanceEventEntity();
        event.setProcessDefinitionKey(processKey);
        event.setActivityId("Event_StepDue");
        return event;
    }

    private static HistoricJobLogEventEntity jobLog(JobState state, String type) {
        HistoricJobLogEventEntity event = new HistoricJobLogEventEntity();
        event.setState(state.getStateCode());
        event.setJobDefinitionType(type);
        event.setProcessDefinitionKey("complaint-handling");
        return event;
    }

    private static HistoricVariableUpdateEventEntity variable(String name, String taskId) {
        HistoricVariableUpdateEventEntity event = new HistoricVariableUpdateEventEntity();
        event.setVariableName(name);
        event.setTaskId(taskId);
        return event;
    }
}
