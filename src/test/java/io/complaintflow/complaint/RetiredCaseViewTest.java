package io.complaintflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A complaint that was running when the case view left the engine: its processes still hold the old copy, with the
 * customer's phone. At start-up the copy becomes a pointer to the 案卷 tab — the old forms' fields show it — and the
 * phone is gone from the runtime tables.
 */
@ComplaintFlowTest
class RetiredCaseViewTest {

    @Autowired RetiredCaseView retired;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired TestScenarios scenarios;
    @Autowired DataSource dataSource;

    @Test
    void theOldCopyOfTheCaseViewInRunningProcessesBecomesAPointerToTheCaseFileTab() {
        String phone = TestScenarios.uniquePhone() + "7";
        String caseNumber = scenarios.routine("delivery");
        String lifecycle = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .processDefinitionKey(ComplaintProcess.KEY).singleResult().getId();
        Task department = scenarios.departmentTask(caseNumber, "logistics");
        // what the application wrote before this version, on the lifecycle and on the department's process
        runtime.setVariable(lifecycle, CaseFileVariables.SUMMARY, "工单号：" + caseNumber + "\n客户：王先生 电话 " + phone);
        runtime.setVariable(lifecycle, CaseFileVariables.TIMELINE, "经热线渠道受理投诉");
        runtime.setVariable(department.getProcessInstanceId(), CaseFileVariables.SUMMARY, "客户：王先生 电话 " + phone);
        tasks.setVariableLocal(department.getId(), CaseFileVariables.TIMELINE, "分派至物流部处理");
        assertThat(new EngineRows(dataSource).rowsContaining(phone)).containsKey("act_ru_variable.text_");

        assertThat(retired.retire()).isGreaterThanOrEqualTo(4);

        assertThat(runtime.getVariable(lifecycle, CaseFileVariables.SUMMARY)).isEqualTo(RetiredCaseView.POINTER);
        assertThat(runtime.getVariable(lifecycle, CaseFileVariables.TIMELINE)).isEqualTo(RetiredCaseView.POINTER);
        assertThat(runtime.getVariable(department.getProcessInstanceId(), CaseFileVariables.SUMMARY))
                .isEqualTo(RetiredCaseView.POINTER);
        assertThat(tasks.getVariableLocal(department.getId(), CaseFileVariables.TIMELINE)).isEqualTo(RetiredCaseView.POINTER);
        assertThat(new EngineRows(dataSource).rowsContaining(phone)).doesNotContainKey("act_ru_variable.text_");
        assertThat(retired.retire()).as("a second start-up finds nothing left").isZero();
        assertThat(runtime.getVariable(lifecycle, ComplaintProcess.CASE_NUMBER)).isEqualTo(caseNumber);
    }
}
