package io.complaintflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.engine.FormValues;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Walks complaint-handling and department-handling the way handlers do, including the unhappy paths. */
@ComplaintFlowTest
class ComplaintLifecycleTest {


    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired FormService forms;
    @Autowired HistoryService history;
    @Autowired TestScenarios scenarios;
    @Autowired ComplaintRepository complaints;
    @Autowired io.complaintflow.sla.BusinessCalendar calendar;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void routineComplaintGoesStraightToItsDepartmentAndIsClosedAfterASatisfiedCallback() {
        String caseNumber = scenarios.routine("delivery");
        ProcessInstance lifecycle = lifecycle(caseNumber);

        assertThat(lifecycle).isWaitingAt("Activity_DepartmentHandling").hasPassed("Task_RouteComplaint")
                .hasNotPassed("Task_ReviewTriage");
        assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G1);
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.IN_PROGRESS);
        Task departmentTask = scenarios.departmentTask(caseNumber, "logistics");
        assertThat(departmentTask).isNotNull();
        assertThat(departmentTask.getName()).isEqualTo("处理投诉（物流部）");

        scenarios.propose(caseNumber, "logistics", "logistics", "补发包裹");
        assertThat(lifecycle).isWaitingAt("Task_AnswerCustomer");
        assertThat(runtime.getVariable(lifecycle.getId(), "answer")).isEqualTo("【物流部】补发包裹");

        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "为您补发包裹", "compensation", 50));
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.RESOLVED);
        scenarios.complete(caseNumber, "Task_ConfirmWithCustomer", "center", TestScenarios.closing(Map.of("customerDecision", "accept")));

        Complaint closed = scenarios.complaint(caseNumber);
        assertThat(closed.status()).isEqualTo(ComplaintStatus.CLOSED);
        assertThat(closed.resolution()).isEqualTo("为您补发包裹");
        assertThat(closed.compensation()).isEqualByComparingTo("50");
        assertThat(closed.closedAt()).isNotNull();
        assertThat(lifecycle).isWaitingAt("Gateway_AwaitCallback");

        execute(job(lifecycle));
        scenarios.complete(caseNumber, "Task_SatisfactionCallback", "center",
                Map.of("satisfactionScore", "5", "problemResolved", "yes", "callbackNote", "客户很满意"));
        assertThat(lifecycle).isEnded().hasPassed("EndEvent_ComplaintClosed");
        assertThat(scenarios.complaint(caseNumber).satisfactionScore()).isEqualTo(5);
        assertThat(scenarios.timelineKinds(caseNumber)).containsExactly("ACCEPTED", "GRADED", "DEADLINES", "ASSIGNED",
                "PROPOSED", "NOTE", "ANSWERED", "CUSTOMER_ACCEPTED", "CLOSED", "CALLBACK");
    }

    @Test
    void callbackIsDueThreeWorkingDaysAfterClosureForAGeneralComplaint() {
        String caseNumber = scenarios.file(TestScenarios.firstContact("after-sales", "已当场解答"));
        scenarios.complete(caseNumber, "Task_ConfirmWithCustomer", "center", TestScenarios.closing(Map.of("customerDecision", "accept")));
        var timer = engine.getManagementService().createJobQuery().processInstanceId(lifecycle(caseNumber).getId())
                .timers().singleResult();
        java.time.Instant closedAt = scenarios.complaint(caseNumber).closedAt();
        assertThat(timer.getDuedate().toInstant())
                .isEqualTo(calendar.plus(closedAt, io.complaintflow.sla.DeadlineDuration.parse("P3D")));
    }

    @Test
    void firstContactResolutionSkipsTheDepartmentsAndGoesToConfirmation() {
        String caseNumber = scenarios.file(TestScenarios.firstContact("after-sales", "坐席已当场预约安装"));
        ProcessInstance lifecycle = lifecycle(caseNumber);

        assertThat(lifecycle).isWaitingAt("Task_ConfirmWithCustomer").hasNotPassed("Activity_DepartmentHandling");
        assertThat(runtime.getVariable(lifecycle.getId(), "answer")).isEqualTo("坐席已当场预约安装");
        scenarios.complete(caseNumber, "Task_ConfirmWithCustomer", "center", TestScenarios.closing(Map.of("customerDecision", "accept")));

        assertThat(lifecycle).hasPassed("Task_CloseComplaint").isWaitingAt("Gateway_AwaitCallback");
        assertThat(scenarios.complaint(caseNumber).resolution()).isEqualTo("坐席已当场预约安装");
        assertThat(scenarios.timelineKinds(caseNumber)).containsExactly("ACCEPTED", "ANSWERED", "GRADED",
                "DEADLINES", "CUSTOMER_ACCEPTED", "CLOSED");
    }

    @Test
    void departmentSendsTheCaseBackAsNotOursAndTheCenterReRoutesIt() {
        String caseNumber = scenarios.routine("product-quality");
        ProcessInstance lifecycle = lifecycle(caseNumber);

        scenarios.sendBack(caseNumber, "quality", "quality", "属于安装服务问题，应由售后处理");
        assertThat(lifecycle).isWaitingAt("Task_ReviewTriage").hasPassed("Gateway_AnyTransferred");
        assertThat(scenarios.complaint(caseNumber).transferCount()).isEqualTo(1);
        assertThat(FormValues.codes(runtime.getVariable(lifecycle.getId(), "departments"))).isEmpty();

        scenarios.complete(caseNumber, "Task_ReviewTriage", "center", Map.of("category", "after-sales",
                "grade", "G1", "departments", FormValues.jsonList(List.of("after-sales")), "reviewNote", "改派售后"));
        assertThat(scenarios.departmentTask(caseNumber, "quality")).isNull();
        scenarios.propose(caseNumber, "after-sales", "aftersales", "上门重新安装");

        assertThat(lifecycle).isWaitingAt("Task_AnswerCustomer");
        Complaint complaint = scenarios.complaint(caseNumber);
        assertThat(complaint.category()).isEqualTo(Category.AFTER_SALES);
        assertThat(complaint.transferCount()).isEqualTo(1);
        List<DepartmentAssignment> departments = complaints.departments(caseNumber);
        assertThat(departments).extracting(DepartmentAssignment::department, DepartmentAssignment::state,
                DepartmentAssignment::lead).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("after-sales", "PROPOSED", true),
                org.assertj.core.groups.Tuple.tuple("quality", "TRANSFERRED", false));
        assertThat(scenarios.timelineKinds(caseNumber)).contains("TRANSFERRED", "TRIAGE_REVIEWED");
    }

    @Test
    void customerRejectsOnceThenTwiceAndManagersTakeOver() {
        String caseNumber = scenarios.routine("billing");
        ProcessInstance lifecycle = lifecycle(caseNumber);
        scenarios.propose(caseNumber, "billing", "billing", "退还多收费用");
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "退还 199 元"));

        scenarios.complete(caseNumber, "Task_ConfirmWithCustomer", "center",
                Map.of("customerDecision", "reject", "customerWords", "还要赔偿我的损失"));
        assertThat(lifecycle).isWaitingAt("Activity_DepartmentHandling");
        assertThat(scenarios.complaint(caseNumber).rejectionCount()).isEqualTo(1);
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.IN_PROGRESS);
        Task again = scenarios.departmentTask(caseNumber, "billing");
        assertThat(scenarios.caseNumberOf(again)).isEqualTo(caseNumber);
        // what the department reads in the 案卷 tab: the customer's words in the record's timeline
        assertThat(complaints.timeline(caseNumber)).anySatisfy(e -> {
            assertThat(e.summary()).contains("客户不接受处理结果（第 1 次）");
            assertThat(e.detail()).contains("还要赔偿我的损失");
        });

        scenarios.propose(caseNumber, "billing", "billing", "退费并赠送一个月");
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "退费并赠送一个月"));
        scenarios.complete(caseNumber, "Task_ConfirmWithCustomer", "center",
                Map.of("customerDecision", "reject", "customerWords", "还是不满意"));

        assertThat(lifecycle).isWaitingAt("Task_ManagerTakeover");
        assertThat(scenarios.complaint(caseNumber).rejectionCount()).isEqualTo(2);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseNumber)
                .taskCandidateGroup("complaint-managers").count()).isEqualTo(1);

        scenarios.complete(caseNumber, "Task_ManagerTakeover", "manager", TestScenarios.closing(Map.of(
                "managerDecision", "final", "answer", "经理最终答复：退费、赠送两个月", "compensation", 100)));
        assertThat(lifecycle).hasPassed("Task_CloseComplaint").isWaitingAt("Gateway_AwaitCallback");
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.CLOSED);
        assertThat(scenarios.complaint(caseNumber).resolution()).isEqualTo("经理最终答复：退费、赠送两个月");
    }

    @Test
    void managerCanHandTheCaseToOtherDepartmentsInstead() {
        String caseNumber = scenarios.routine("billing");
        ProcessInstance lifecycle = lifecycle(caseNumber);
        for (int round = 1; round <= 2; round++) {
            scenarios.propose(caseNumber, "billing", "billing", "方案 " + round);
            scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "答复 " + round));
            scenarios.complete(caseNumber, "Task_ConfirmWithCustomer", "center",
                    Map.of("customerDecision", "reject", "customerWords", "不接受 " + round));
        }
        scenarios.complete(caseNumber, "Task_ManagerTakeover", "manager", Map.of("managerDecision", "redo",
                "departments", FormValues.jsonList(List.of("legal")), "managerNote", "请法务评估"));

        assertThat(lifecycle).isWaitingAt("Activity_DepartmentHandling");
        assertThat(scenarios.departmentTask(caseNumber, "legal")).isNotNull();
        assertThat(scenarios.departmentTask(caseNumber, "billing")).isNull();
    }

    @Test
    void unsatisfiedCallbackReopensTheCaseForTheCenter() {
        String caseNumber = scenarios.routine("delivery");
        ProcessInstance lifecycle = lifecycle(caseNumber);
        scenarios.propose(caseNumber, "logistics", "logistics", "补发");
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "已补发"));
        scenarios.complete(caseNumber, "Task_ConfirmWithCustomer", "center", TestScenarios.closing(Map.of("customerDecision", "accept")));
        execute(job(lifecycle));

        scenarios.complete(caseNumber, "Task_SatisfactionCallback", "center",
                Map.of("satisfactionScore", "4", "problemResolved", "no", "callbackNote", "包裹仍未收到"));

        assertThat(lifecycle).hasPassed("Task_ReopenComplaint").isWaitingAt("Task_ReviewTriage");
        Complaint reopened = scenarios.complaint(caseNumber);
        assertThat(reopened.status()).isEqualTo(ComplaintStatus.REOPENED);
        assertThat(reopened.reopenCount()).isEqualTo(1);
        assertThat(FormValues.codes(runtime.getVariable(lifecycle.getId(), "departments"))).containsExactly("logistics");

        scenarios.complete(caseNumber, "Task_ReviewTriage", "center", Map.of("category", "delivery", "grade", "G2",
                "departments", FormValues.jsonList(List.of("logistics"))));
        assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G2);
        assertThat(scenarios.departmentTask(caseNumber, "logistics")).isNotNull();
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.IN_PROGRESS);
    }

    @Test
    void regulatorCaseIsReviewedAndHandledByDepartmentsInParallel() {
        String caseNumber = scenarios.file(TestScenarios.regulatorCase("12315", "12315-TEST-" + TestScenarios.uniquePhone(),
                "product-quality"));
        ProcessInstance lifecycle = lifecycle(caseNumber);

        assertThat(lifecycle).isWaitingAt("Task_ReviewTriage", "Activity_RegulatorReply");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseNumber)
                .taskCandidateGroup("complaint-center").count()).isEqualTo(2);
        assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G3);
        assertThat(FormValues.codes(runtime.getVariable(lifecycle.getId(), "departments")))
                .containsExactly("quality", "legal");

        scenarios.complete(caseNumber, "Task_ReviewTriage", "center", Map.of("category", "product-quality",
                "grade", "G3", "departments", FormValues.jsonList(List.of("quality", "legal"))));
        assertThat(scenarios.openTasks(caseNumber)).extracting(Task::getTaskDefinitionKey)
                .containsExactlyInAnyOrder("Task_HandleComplaint", "Task_HandleComplaint", "Task_ReplyToRegulator");

        scenarios.propose(caseNumber, "legal", "legal-user", "出具法律意见");
        assertThat(lifecycle).isWaitingAt("Activity_DepartmentHandling");
        scenarios.propose(caseNumber, "quality", "quality", "免费维修并延保");
        assertThat(lifecycle).isWaitingAt("Task_AnswerCustomer");
        assertThat((String) runtime.getVariable(lifecycle.getId(), "answer"))
                .contains("【质量部】免费维修并延保").contains("【法务部】出具法律意见");
    }

    @Test
    void crisisWordsMakeItG4AndBringInPublicRelations() {
        String caseNumber = scenarios.file(TestScenarios.request("app", "product-quality", "热水器漏电",
                "再不处理就找记者曝光"));
        assertThat(scenarios.complaint(caseNumber).grade()).isEqualTo(Grade.G4);
        assertThat(FormValues.codes(runtime.getVariable(lifecycle(caseNumber).getId(), "departments")))
                .containsExactly("quality", "pr");
        assertThat(lifecycle(caseNumber)).isWaitingAt("Task_ReviewTriage");
    }

    @Test
    void aSubmissionMissingWhatTheStepNeedsIsRefusedAndTheTaskStaysOpen() {
        String caseNumber = scenarios.routine("product-quality");
        Task task = scenarios.departmentTask(caseNumber, "quality");

        assertThatThrownBy(() -> scenarios.complete(task, "quality", Map.of("outcome", "not-ours")))
                .hasMessageContaining("退回理由");
        assertThat(scenarios.departmentTask(caseNumber, "quality")).isNotNull();
        assertThat(scenarios.complaint(caseNumber).transferCount()).isZero();

        assertThatThrownBy(() -> scenarios.complete(scenarios.departmentTask(caseNumber, "quality"), "quality",
                Map.of("outcome", "propose", "proposal", "退款", "rootCause", "process", "compensation", "很多")))
                .hasMessageContaining("补偿金额");
    }

    @Test
    void everyTaskCarriesItsCaseNumberAndWhatItsFormNeedsButNoCopyOfTheCase() {
        String caseNumber = scenarios.file(TestScenarios.request("hotline", null, "多扣费<script>alert(1)</script>",
                "多扣了 199 元"));
        Task review = scenarios.task(caseNumber, "Task_ReviewTriage");
        Map<String, Object> variables = engine.getTaskService().getVariables(review.getId());
        assertThat(variables.get("caseNumber")).isEqualTo(caseNumber);
        // the answer script and similar cases are read in the 案卷 tab's 参考 section; the closure's root-cause options
        // come with its tasks (issue #19)
        assertThat(variables).doesNotContainKeys(CaseFileVariables.SUMMARY, CaseFileVariables.TIMELINE, "answerScript",
                "similarComplaints", "rootCauseOptions");
        assertThat(variables.values()).noneMatch(v -> String.valueOf(v).contains("多扣了 199 元"));

        scenarios.complete(review, "center", Map.of("category", "billing", "grade", "G1",
                "departments", FormValues.jsonList(List.of("billing"))));
        Task department = scenarios.departmentTask(caseNumber, "billing");
        Map<String, Object> departmentView = engine.getTaskService().getVariables(department.getId());
        assertThat(departmentView.get("listCaseNumber")).isEqualTo(caseNumber);
        // the closure's root-cause options are for the center's forms; the department's form lists its own; the case,
        // the answer script and similar cases are read in the 案卷 tab, not copied into the part (issue #19)
        assertThat(departmentView).doesNotContainKeys(CaseFileVariables.SUMMARY, CaseFileVariables.TIMELINE,
                "rootCauseOptions", "departmentSla", "departmentLabel", "caseNumber", "grade", "category", "channel",
                "answerScript", "similarComplaints");
        assertThat(department.getName()).isEqualTo("处理投诉（账务部）");
    }

    @Test
    void everyUserTaskResolvesItsFormFromTheSameDeployment() {
        RepositoryService repository = engine.getRepositoryService();
        for (String key : List.of("complaint-handling", "department-handling")) {
            var definition = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                    .singleResult();
            BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
            for (UserTask userTask : model.getModelElementsByType(UserTask.class)) {
                assertThat(userTask.getCamundaFormRefBinding()).as(userTask.getId()).isEqualTo("deployment");
                var form = repository.getResourceAsStream(definition.getDeploymentId(),
                        userTask.getCamundaFormRef() + ".form");
                assertThat(form).as("form of " + userTask.getId()).isNotNull();
            }
        }
        String caseNumber = scenarios.routine("delivery");
        Task task = scenarios.departmentTask(caseNumber, "logistics");
        assertThat(forms.getDeployedTaskForm(task.getId())).asString(java.nio.charset.StandardCharsets.UTF_8)
                .contains("\"id\" : \"department-handling\"".replace(" : ", ": "));
    }

    private ProcessInstance lifecycle(String caseNumber) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .processDefinitionKey(ComplaintProcess.KEY).singleResult();
    }
}
