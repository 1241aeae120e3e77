package io.complaintflow.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HandlerForms;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.DepartmentAssignment;
import io.complaintflow.complaint.Grade;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.engine.TasklistFilters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue #19: a department part reads its complaint from the record. Started as the lifecycle's call activity starts it
 * from generation 3 on — its business key (the case number) and its department, nothing else — its tasks still show
 * case number, grade, category and channel in Tasklist's list columns (read from the record), the filters by grade and
 * channel still find them, and every path of the handler (propose, need information, not ours) records what it did.
 * A part of generation 2, started with the seven copies, still completes and keeps showing its copies.
 */
@ComplaintFlowTest
class DepartmentInputsTest {

    /** What the call activity copied into every part up to generation 2, besides the department. */
    static final Set<String> COPIES = Set.of("caseNumber", "grade", "category", "channel", "similarComplaints",
            "answerScript");

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired TaskService tasks;
    @Autowired FilterService filters;
    @Autowired TestScenarios scenarios;
    @Autowired ComplaintRepository complaints;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void theLifecycleHandsItsPartTheDepartmentOnlyAndTheHandlerSeesTheRestFromTheRecord() throws Exception {
        String caseNumber = scenarios.routine("billing");
        Task task = scenarios.departmentTask(caseNumber, "billing");
        ProcessInstance part = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult();
        assertThat(part.getProcessDefinitionId()).startsWith(ComplaintProcess.DEPARTMENT_KEY + ":");
        assertThat(part.getBusinessKey()).isEqualTo(caseNumber);
        assertThat(runtime.getVariables(part.getId())).as("the part's own variables: what its model decides on")
                .containsOnlyKeys(ComplaintProcess.DEPARTMENT).containsEntry(ComplaintProcess.DEPARTMENT, "billing");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(part.getId())
                .list()).as("its history: the department, no copy and no list column")
                .extracting(HistoricVariableInstance::getName).containsExactly(ComplaintProcess.DEPARTMENT);
        assertThat(tasks.getVariablesLocal(task.getId())).isEqualTo(columnsOf(scenarios.complaint(caseNumber)));
        assertThat(engine.getFormService().getTaskFormVariables(task.getId()).keySet()).as("what the form reads")
                .doesNotContainAnyElementsOf(COPIES);

        scenarios.complete(task, "billing", HandlerForms.proposal("退还多扣的 199 元", 199, "system"));

        assertThat(part).isEnded().hasPassed("EndEvent_ResolutionProposed");
        assertThat(scenarios.task(caseNumber, "Task_AnswerCustomer")).isNotNull();
        assertThat(department(caseNumber, "billing").proposal()).isEqualTo("退还多扣的 199 元");
    }

    @Test
    void aPartThatHoldsOnlyItsDepartmentShowsItsComplaintFromTheRecordAndProposes() {
        String caseNumber = scenarios.routine("delivery");
        ProcessInstance part = startPart(caseNumber, "legal", Map.of());

        assertThat(part).isWaitingAt("Task_HandleComplaint");
        Task task = scenarios.departmentTask(caseNumber, "legal");
        assertThat(task.getName()).isEqualTo("处理投诉（法务部）");
        assertThat(tasks.getVariablesLocal(task.getId())).as("the list columns, read from the record")
                .isEqualTo(columnsOf(scenarios.complaint(caseNumber)));
        assertThat(scenarios.caseNumberOf(task)).isEqualTo(caseNumber);
        assertThat(runtime.getVariables(part.getId()).keySet()).as("no copy of what the part reads")
                .doesNotContainAnyElementsOf(COPIES).contains(ComplaintProcess.DEPARTMENT);
        assertThat(department(caseNumber, "legal").state()).isEqualTo(DepartmentAssignment.ASSIGNED);

        scenarios.complete(task, "legal", HandlerForms.proposal("按合同条款补偿", 80, "policy"));

        assertThat(part).isEnded().hasPassed("EndEvent_ResolutionProposed");
        DepartmentAssignment legal = department(caseNumber, "legal");
        assertThat(legal.state()).isEqualTo(DepartmentAssignment.PROPOSED);
        assertThat(legal.proposal()).isEqualTo("按合同条款补偿");
        assertThat(legal.compensation()).isEqualByComparingTo("80");
        assertThat(scenarios.timelineKinds(caseNumber)).contains(TimelineKind.PROPOSED.name());
    }

    @Test
    void aPartThatHoldsOnlyItsDepartmentWaitsForInformationAndSendsTheCaseBack() {
        String caseNumber = scenarios.routine("delivery");
        ProcessInstance part = startPart(caseNumber, "legal", Map.of());

        scenarios.complete(scenarios.departmentTask(caseNumber, "legal"), "legal",
                Map.of("outcome", "need-info", "waitReason", "请客户提供合同编号"));
        assertThat(part).isWaitingAt("Task_AwaitInformation");
        Task waiting = scenarios.task(caseNumber, "Task_AwaitInformation");
        assertThat(tasks.getVariablesLocal(waiting.getId())).containsAllEntriesOf(
                columnsOf(scenarios.complaint(caseNumber)));
        scenarios.complete(waiting, "legal", Map.of("customerInfo", "合同编号 HT-2026-001"));
        assertThat(part).isWaitingAt("Task_HandleComplaint");

        int transfers = scenarios.complaint(caseNumber).transferCount();
        scenarios.complete(scenarios.departmentTask(caseNumber, "legal"), "legal", HandlerForms.notOurs("合同纠纷归销售"));

        assertThat(part).isEnded().hasPassed("EndEvent_ReturnedToCenter");
        assertThat(department(caseNumber, "legal").state()).isEqualTo(DepartmentAssignment.TRANSFERRED);
        assertThat(department(caseNumber, "legal").transferReason()).isEqualTo("合同纠纷归销售");
        assertThat(scenarios.complaint(caseNumber).transferCount()).isEqualTo(transfers + 1);
        assertThat(scenarios.timelineKinds(caseNumber)).contains(TimelineKind.PAUSED.name(),
                TimelineKind.RESUMED.name(), TimelineKind.TRANSFERRED.name());
    }

    @Test
    void theFiltersByGradeAndChannelFindAPartByItsRecord() {
        String caseNumber = scenarios.file(TestScenarios.regulatorCase("12315", "12315-IN-" + TestScenarios.uniquePhone(),
                "product-quality"));
        Complaint c = scenarios.complaint(caseNumber);
        complaints.updateTriage(caseNumber, c.category(), Grade.G4, Instant.now());
        startPart(caseNumber, "legal", Map.of());
        Task task = scenarios.departmentTask(caseNumber, "legal");

        assertThat(idsIn(TasklistFilters.CRISIS)).contains(task.getId());
        assertThat(idsIn(TasklistFilters.REGULATOR)).contains(task.getId());
        String routine = scenarios.routine("delivery");
        Task other = startPartAndTask(routine, "legal");
        assertThat(idsIn(TasklistFilters.CRISIS)).doesNotContain(other.getId());
        assertThat(idsIn(TasklistFilters.REGULATOR)).doesNotContain(other.getId());
    }

    /** A department part of generation 2 holds the old copies: its columns show them and its handler completes it. */
    @Test
    void aGenerationTwoPartWithItsCopiesStillCompletes() {
        String caseNumber = scenarios.routine("delivery");
        Map<String, Object> copies = new HashMap<>();
        copies.put("caseNumber", caseNumber);
        copies.put("grade", "G4"); // as the part was started: not what the record says now
        copies.put("category", "delivery");
        copies.put("channel", "hotline");
        copies.put("similarComplaints", "（无）");
        copies.put("answerScript", "本类别暂无应答口径");
        ProcessInstance part = startPart(caseNumber, "legal", copies);
        Task task = scenarios.departmentTask(caseNumber, "legal");
        assertThat(tasks.getVariablesLocal(task.getId())).containsEntry("listGrade", "G4")
                .containsEntry("listCaseNumber", caseNumber);
        assertThat(idsIn(TasklistFilters.CRISIS)).contains(task.getId());

        scenarios.complete(task, "legal", HandlerForms.proposal("补发", 0, "logistics"));

        assertThat(part).isEnded().hasPassed("EndEvent_ResolutionProposed");
        assertThat(department(caseNumber, "legal").state()).isEqualTo(DepartmentAssignment.PROPOSED);
    }

    /**
     * The same on the department model of generation 2 itself (src/test/resources/models/generation-2, under a probe
     * key, with the ladder it calls from its own deployment): a part started before generation 3 finishes on it.
     */
    @Test
    void aPartOnTheGenerationTwoModelWithItsCopiesStillCompletes() throws IOException {
        String key = "gen2-inputs-department-handling";
        var deployment = repository.createDeployment().name("inputs-generation-2-probe")
                .addString("department-handling.bpmn", resource("models/generation-2/department-handling.bpmn")
                        .replace("id=\"department-handling\"", "id=\"" + key + "\"")
                        .replace("bpmnElement=\"department-handling\"", "bpmnElement=\"" + key + "\""))
                .addString("deadline-ladder.bpmn", Files.readString(Path.of("processes/deadline-ladder.bpmn")))
                .addString("department-handling.form", Files.readString(Path.of("forms/department-handling.form")))
                .addString("await-information.form", Files.readString(Path.of("forms/await-information.form")))
                .deployWithResult();
        try {
            String caseNumber = scenarios.routine("delivery");
            Map<String, Object> variables = new HashMap<>(Map.of("caseNumber", caseNumber, "department", "legal",
                    "grade", "G1", "category", "delivery", "channel", "hotline", "similarComplaints", "（无）",
                    "answerScript", "本类别暂无应答口径", "departmentSla", "P3D"));
            ProcessInstance part = runtime.startProcessInstanceByKey(key, caseNumber, variables);
            assertThat(part).isWaitingAt("Task_HandleComplaint");
            Task task = scenarios.departmentTask(caseNumber, "legal");
            assertThat(tasks.getVariablesLocal(task.getId())).containsEntry("listCaseNumber", caseNumber)
                    .containsEntry("listGrade", "G1").containsEntry("listChannel", "hotline");

            scenarios.complete(task, "legal", HandlerForms.notOurs("应由物流部处理"));

            assertThat(part).isEnded().hasPassed("EndEvent_ReturnedToCenter");
            assertThat(department(caseNumber, "legal").state()).isEqualTo(DepartmentAssignment.TRANSFERRED);
        } finally {
            repository.deleteDeployment(deployment.getId(), true, true);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = DepartmentInputsTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private ProcessInstance startPart(String caseNumber, String department, Map<String, Object> copies) {
        Map<String, Object> variables = new HashMap<>(copies);
        variables.put(ComplaintProcess.DEPARTMENT, department);
        // the department's time: a part called by the lifecycle reads it from its caller, this one has none
        variables.put("departmentSla", "P3D");
        return runtime.startProcessInstanceByKey(ComplaintProcess.DEPARTMENT_KEY, caseNumber, variables);
    }

    private Task startPartAndTask(String caseNumber, String department) {
        startPart(caseNumber, department, Map.of());
        return scenarios.departmentTask(caseNumber, department);
    }

    private List<String> idsIn(String filterName) {
        String filterId = filters.createFilterQuery().filterName(filterName).singleResult().getId();
        return filters.<Task>list(filterId).stream().map(Task::getId).toList();
    }

    private DepartmentAssignment department(String caseNumber, String department) {
        return complaints.departments(caseNumber).stream().filter(d -> d.department().equals(department))
                .findFirst().orElseThrow();
    }

    private static Map<String, Object> columnsOf(Complaint c) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("listCaseNumber", c.caseNumber());
        columns.put("listGrade", Coded.codeOf(c.grade()));
        columns.put("listCategory", Coded.codeOf(c.category()));
        columns.put("listChannel", c.channel());
        return columns;
    }
}
