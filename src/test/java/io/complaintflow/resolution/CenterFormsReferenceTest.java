package io.complaintflow.resolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HandlerForms;
import io.complaintflow.HttpSession;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.CaseFileModels;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.engine.DefinitionMigration;
import io.complaintflow.engine.FormValues;
import io.complaintflow.engine.ModelMigrator;
import io.complaintflow.pdca.PdcaCaseFile;
import io.complaintflow.pdca.RootCauses;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The complaint center's forms read the answer script and similar closed complaints in the 案卷 tab's 参考 section, like
 * the department's (issue #19): the lifecycle holds no copy of them; the closure's tasks take the root-cause options
 * their select lists when they are created. Complaints on a model deployed before (forms that show the copies) keep
 * them current and finish — on their version, or moved to the new one.
 */
@ComplaintFlowTest
class CenterFormsReferenceTest {

    private static final String BEFORE = "reference-probe-complaint-handling";
    private static final String BEFORE_DEPARTMENT = "reference-probe-department-handling";
    private static final String GENERATION_2 = "reference-gen2-complaint-handling";
    private static final String GENERATION_2_DEPARTMENT = "reference-gen2-department-handling";
    private static final List<String> COPIES = List.of(PdcaCaseFile.SCRIPT, "similarComplaints");

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired RepositoryService repository;
    @Autowired ModelMigrator migrator;
    @Autowired RootCauses causes;
    @Autowired ObjectMapper json;

    private String cause;

    @BeforeEach
    void aCauseAddedAfterIntake() {
        cause = "ref" + System.nanoTime() % 1_000_000_000L;
    }

    @AfterEach
    void retireIt() {
        causes.find(cause).ifPresent(c -> causes.update(cause, c.label(), c.description(), false, c.sortOrder(), "test"));
    }

    @Test
    void theCenterReadsScriptAndSimilarCasesInTheCaseFileAndTheClosureTakesTheCausesOfItsCreation() throws Exception {
        String caseNumber = scenarios.routine("delivery");
        ProcessInstance lifecycle = lifecycle(caseNumber);
        assertThat(CaseFileModels.readsReference(repository.getBpmnModelInstance(lifecycle.getProcessDefinitionId())))
                .isTrue();
        assertThat(runtime.getVariables(lifecycle.getId())).doesNotContainKeys(PdcaCaseFile.SCRIPT, "similarComplaints",
                PdcaCaseFile.ROOT_CAUSE_OPTIONS);

        scenarios.propose(caseNumber, "logistics", "logistics", "补发包裹");
        Task answer = scenarios.task(caseNumber, "Task_AnswerCustomer");
        assertThat(tasks.getVariables(answer.getId())).doesNotContainKeys(PdcaCaseFile.SCRIPT, "similarComplaints",
                PdcaCaseFile.ROOT_CAUSE_OPTIONS);
        JsonNode reference = json.readTree(as("center").get("/api/complaints/" + caseNumber + "/reference").body());
        assertThat(reference.get(PdcaCaseFile.SCRIPT).asText()).isNotBlank();
        assertThat(reference.get("similarComplaints").asText()).isNotBlank();

        // a cause the process owners add while the complaint is open: the closure lists it
        causes.insert(cause, "参考测试原因", "测试", true, 999, "test");
        scenarios.complete(answer, "center", HandlerForms.answer("已补发", 0));
        Task confirm = scenarios.task(caseNumber, HandlerForms.CONFIRM_TASK);
        String options = String.valueOf(tasks.getVariable(confirm.getId(), PdcaCaseFile.ROOT_CAUSE_OPTIONS));
        assertThat(options).contains("\"" + cause + "\"").contains("参考测试原因").contains("\"process\"");
        assertThat(tasks.getVariables(confirm.getId())).doesNotContainKeys(PdcaCaseFile.SCRIPT, "similarComplaints");

        scenarios.complete(confirm, "center", HandlerForms.customerAccepts(cause, "logistics"));
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.CLOSED);
    }

    @Test
    void theCentersFormsRefuseTheCopiesTheyNoLongerShow() {
        String caseNumber = scenarios.routine("delivery");
        scenarios.propose(caseNumber, "logistics", "logistics", "补发包裹");
        Task answer = scenarios.task(caseNumber, "Task_AnswerCustomer");
        tasks.claim(answer.getId(), "center");

        HttpResponse<String> refused = as("center").postJson("/engine-rest/task/" + answer.getId() + "/submit-form",
                "{\"variables\":{\"answer\":{\"value\":\"已补发\"},\"compensation\":{\"value\":0,\"type\":\"Long\"},"
                        + "\"answerScript\":{\"value\":\"改写的口径\"},\"similarComplaints\":{\"value\":\"改写\"}}}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("answerScript", "similarComplaints");
        assertThat(scenarios.openTasks(caseNumber)).extracting(Task::getId).contains(answer.getId());
        assertThat(runtime.getVariables(lifecycle(caseNumber).getId())).doesNotContainKeys(COPIES.toArray(String[]::new));
    }

    /**
     * The lifecycle as deployed before (no {@code complaintflow.caseFile}, no options listener; its forms showed the
     * copies): an instance moved to the new version keeps the copies it holds and closes with the options its closure
     * task takes; one that stays on the old version has its copy kept current at every step, as before.
     */
    @Test
    void complaintsOfTheVersionBeforeFinishMovedOrOnTheirVersion() {
        String before = current("processes/complaint-handling.bpmn")
                .replace("<camunda:property name=\"complaintflow.caseFile\" value=\"reference\" />", "")
                .replaceAll("\\s*<camunda:taskListener delegateExpression=\"\\$\\{closureOptions}\"[^>]*/>", "");
        DeploymentWithDefinitions first = deploy("before", before, current("processes/department-handling.bpmn"),
                BEFORE, BEFORE_DEPARTMENT);
        DeploymentWithDefinitions second = null;
        try {
            String moved = startedBefore(first, BEFORE);
            DeploymentWithDefinitions next = deploy("after", current("processes/complaint-handling.bpmn")
                    .replace("name=\"投诉处理\"", "name=\"投诉处理（参考）\""),
                    current("processes/department-handling.bpmn"), BEFORE, BEFORE_DEPARTMENT);
            second = next;
            List<DefinitionMigration> migrations = migrator.migrateTo(next);
            assertThat(migrations).filteredOn(m -> m.processKey().equals(BEFORE)).singleElement()
                    .satisfies(m -> assertThat(m.migrated()).isOne());
            ProcessInstance movedLifecycle = lifecycle(moved);
            assertThat(movedLifecycle.getProcessDefinitionId()).isEqualTo(definition(next, BEFORE));

            causes.insert(cause, "参考测试原因", "测试", true, 999, "test");
            Task confirm = answered(moved);
            assertThat(tasks.getVariable(confirm.getId(), PdcaCaseFile.SCRIPT)).as("the copy it held, not re-read")
                    .isEqualTo("旧口径");
            assertThat(String.valueOf(tasks.getVariable(confirm.getId(), PdcaCaseFile.ROOT_CAUSE_OPTIONS)))
                    .contains("\"" + cause + "\"");
            scenarios.complete(confirm, "center", HandlerForms.customerAccepts(cause, "logistics"));
            assertThat(movedLifecycle).isWaitingAt("Gateway_AwaitCallback");
            assertThat(scenarios.complaint(moved).status()).isEqualTo(ComplaintStatus.CLOSED);

            // an instance that stays on the version before (started there by id, as one the migration refused)
            String stays = startedBefore(first, BEFORE);
            Task staysConfirm = answered(stays);
            assertThat(lifecycle(stays).getProcessDefinitionId()).isEqualTo(definition(first, BEFORE));
            assertThat(tasks.getVariable(staysConfirm.getId(), PdcaCaseFile.SCRIPT)).as("kept current for its form")
                    .isEqualTo(script(stays));
            assertThat(String.valueOf(tasks.getVariable(staysConfirm.getId(), PdcaCaseFile.ROOT_CAUSE_OPTIONS)))
                    .contains("\"" + cause + "\"");
            scenarios.complete(staysConfirm, "center", HandlerForms.customerAccepts("process", "logistics"));
            assertThat(scenarios.complaint(stays).status()).isEqualTo(ComplaintStatus.CLOSED);
        } finally {
            repository.deleteDeployment(first.getId(), true, true);
            if (second != null) {
                repository.deleteDeployment(second.getId(), true, true);
            }
        }
    }

    /** Generation 2 (src/test/resources/models/generation-2) finishes on its version: its forms' copies kept current. */
    @Test
    void aGenerationTwoComplaintKeepsItsCopiesCurrentAndCloses() throws IOException {
        DeploymentWithDefinitions deployment = deploy("generation-2",
                resource("models/generation-2/complaint-handling.bpmn"),
                resource("models/generation-2/department-handling.bpmn"), GENERATION_2, GENERATION_2_DEPARTMENT);
        try {
            String caseNumber = startedBefore(deployment, GENERATION_2);
            Task confirm = answered(caseNumber);
            assertThat(tasks.getVariable(confirm.getId(), PdcaCaseFile.SCRIPT)).isEqualTo(script(caseNumber));
            assertThat(String.valueOf(tasks.getVariable(confirm.getId(), PdcaCaseFile.ROOT_CAUSE_OPTIONS)))
                    .contains("\"process\"");
            scenarios.accept(caseNumber);
            assertThat(lifecycle(caseNumber)).isWaitingAt("Gateway_AwaitCallback");
            assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.CLOSED);
        } finally {
            repository.deleteDeployment(deployment.getId(), true, true);
        }
    }

    /** A complaint from intake whose processes are replaced by the probe's, at the start of its resolution. */
    private String startedBefore(DeploymentWithDefinitions deployment, String key) {
        String caseNumber = scenarios.routine("delivery");
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).list()
                .forEach(p -> runtime.deleteProcessInstanceIfExists(p.getId(), "probe: version before instead", true,
                        true, true, false));
        // what intake and routing wrote on the version before
        VariableMap variables = Variables.createVariables().putValue("caseNumber", caseNumber)
                .putValue("channel", "hotline").putValue("category", "delivery").putValue("grade", "G1")
                .putValue("departments", FormValues.jsonList(List.of("logistics"))).putValue("leadDepartment", "logistics")
                .putValue("departmentSla", "P3D").putValue("callbackWait", "P3D").putValue("resolvedAtIntake", false)
                .putValue("reviewRequired", false).putValue("rejectionCount", 0)
                .putValue(PdcaCaseFile.SCRIPT, "旧口径").putValue("similarComplaints", "（无）");
        runtime.createProcessInstanceById(definition(deployment, key)).businessKey(caseNumber).setVariables(variables)
                .startBeforeActivity("Gateway_StartResolving").execute();
        return caseNumber;
    }

    /** The department proposes and the center answers: the complaint waits for the customer's confirmation. */
    private Task answered(String caseNumber) {
        scenarios.propose(caseNumber, "logistics", "logistics", "补发包裹");
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", HandlerForms.answer("已补发", 0));
        return scenarios.task(caseNumber, HandlerForms.CONFIRM_TASK);
    }

    private String script(String caseNumber) {
        try {
            return json.readTree(as("center").get("/api/complaints/" + caseNumber + "/reference").body())
                    .get(PdcaCaseFile.SCRIPT).asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ProcessInstance lifecycle(String caseNumber) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .processDefinitionKeyIn("complaint-handling", BEFORE, GENERATION_2).singleResult();
    }

    private HttpSession as(String user) {
        return new HttpSession(port).basic(user, "demo");
    }

    private static String definition(DeploymentWithDefinitions deployment, String key) {
        return deployment.getDeployedProcessDefinitions().stream().filter(d -> d.getKey().equals(key)).findFirst()
                .orElseThrow().getId();
    }

    /** The lifecycle and department models under probe keys, with the ladder and forms of their own deployment. */
    private DeploymentWithDefinitions deploy(String name, String lifecycle, String department, String lifecycleKey,
                                             String departmentKey) {
        var deployment = repository.createDeployment().name("reference-probe-" + name)
                .addString("complaint-handling.bpmn", probe(lifecycle, lifecycleKey, departmentKey))
                .addString("department-handling.bpmn", probe(department, lifecycleKey, departmentKey))
                .addString("deadline-ladder.bpmn", current("processes/deadline-ladder.bpmn"))
                .addString("compensation-authority.dmn", current("processes/compensation-authority.dmn"));
        try (var forms = Files.list(Path.of("forms"))) {
            forms.forEach(f -> deployment.addString(f.getFileName().toString(), current(f.toString())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return deployment.deployWithResult();
    }

    private static String probe(String bpmn, String lifecycleKey, String departmentKey) {
        return bpmn.replace("id=\"complaint-handling\"", "id=\"" + lifecycleKey + "\"")
                .replace("id=\"department-handling\"", "id=\"" + departmentKey + "\"")
                .replace("calledElement=\"department-handling\"", "calledElement=\"" + departmentKey + "\"")
                .replace("bpmnElement=\"complaint-handling\"", "bpmnElement=\"" + lifecycleKey + "\"")
                .replace("bpmnElement=\"department-handling\"", "bpmnElement=\"" + departmentKey + "\"");
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = CenterFormsReferenceTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String current(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
