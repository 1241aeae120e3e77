package io.complaintflow.formguard;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.HttpSession;
import io.complaintflow.TestScenarios;
import java.net.http.HttpResponse;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A handler submits what the task's form shows — nothing else, nothing it may not change, nothing the form's
 * rules refuse — however the submission arrives; what routes, grades and attributes a complaint is read from
 * records.
 */
@ComplaintFlowTest
class FormSubmissionGuardTest {

    // Tuesday 2026-03-10 10:00 in Shanghai
    private static final String TUESDAY_10 = "2026-03-10T02:00:00Z";

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;
    @Autowired DeadlineScenarios time;
    @Autowired RuntimeService runtime;
    @Autowired JdbcClient jdbc;
    @Autowired org.camunda.bpm.engine.TaskService taskService;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private HttpSession as(String user) {
        return new HttpSession(port).basic(user, "demo");
    }

    /** A G3 regulator case, triaged by the center to quality. */
    private String majorCaseForQuality() {
        String caseNumber = scenarios.file(TestScenarios.regulatorCase("12315", "12315-F-" + TestScenarios.uniquePhone(),
                "product-quality"));
        scenarios.complete(caseNumber, "Task_ReviewTriage", "center", Map.of("category", "product-quality",
                "grade", "G3", "departments", "quality", "leadDepartment", "quality", "reviewNote", "质量部处理"));
        return caseNumber;
    }

    private String lifecycle(String caseNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("complaint-handling")
                .processInstanceBusinessKey(caseNumber).singleResult().getId();
    }

    @Test
    void qualityCannotRewriteTheGradeOfItsComplaintThroughTaskVariablesOrItsForm() {
        DeadlineScenarios.now(TUESDAY_10);
        String caseNumber = majorCaseForQuality();
        Task task = scenarios.departmentTask(caseNumber, "quality");
        String path = "/engine-rest/task/" + task.getId();
        HttpSession quality = as("quality");

        HttpResponse<String> modify = quality.postJson(path + "/variables",
                "{\"modifications\":{\"grade\":{\"value\":\"G1\",\"type\":\"String\"}}}");
        assertThat(modify.statusCode()).isEqualTo(403);
        assertThat(modify.body()).contains("grade");
        assertThat(quality.json("PUT", path + "/variables/grade", "{\"value\":\"G1\",\"type\":\"String\"}", Map.of())
                .statusCode()).isEqualTo(403);
        assertThat(quality.postJson(path + "/localVariables",
                "{\"modifications\":{\"grade\":{\"value\":\"G1\",\"type\":\"String\"}}}").statusCode()).isEqualTo(403);
        assertThat(quality.json("DELETE", path + "/variables/grade", null, Map.of()).statusCode()).isEqualTo(403);
        HttpResponse<String> submit = quality.postJson(path + "/submit-form", "{\"variables\":{"
                + "\"outcome\":{\"value\":\"propose\"},\"proposal\":{\"value\":\"更换\"},\"rootCause\":{\"value\":\"process\"},"
                + "\"grade\":{\"value\":\"G1\"}}}");
        assertThat(submit.statusCode()).isEqualTo(400);
        assertThat(submit.body()).contains("grade", "不是此表单");
        assertThat(runtime.getVariable(lifecycle(caseNumber), "grade")).isEqualTo("G3");
        assertThat(scenarios.openTasks(caseNumber)).extracting(Task::getId).contains(task.getId());
    }

    @Test
    void aRewrittenGradeVariableDoesNotKeepAMajorComplaintFromTheEmergencyGroup() {
        DeadlineScenarios.now(TUESDAY_10);
        String caseNumber = majorCaseForQuality();
        runtime.setVariable(lifecycle(caseNumber), "grade", "G1"); // however it got there
        time.fire(caseNumber, "Event_ResolutionWarning");
        time.fire(caseNumber, "Event_ResolutionOverdue");
        assertThat(jdbc.sql("select count(*) from escalation where case_number = ? and level = 3 and escalated_to = ?")
                .params(caseNumber, "emergency-group").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void qualityCompletingItsTaskAsLegalIsRefusedInTasklistAndTheProposalStaysQualitys() {
        DeadlineScenarios.now(TUESDAY_10);
        String caseNumber = majorCaseForQuality();
        Task task = scenarios.departmentTask(caseNumber, "quality");
        String proposal = "\"outcome\":{\"value\":\"propose\"},\"proposal\":{\"value\":\"更换新品\"},"
                + "\"rootCause\":{\"value\":\"process\"}";

        HttpResponse<String> complete = as("quality").postJson("/engine-rest/task/" + task.getId() + "/complete",
                "{\"variables\":{" + proposal + ",\"department\":{\"value\":\"legal\"}}}");
        assertThat(complete.statusCode()).isEqualTo(400);
        assertThat(complete.body()).contains("department");

        HttpSession tasklist = new HttpSession(port);
        assertThat(tasklist.webappLogin("quality", "demo").statusCode()).isEqualTo(200);
        tasklist.get("/camunda/api/engine/engine/");
        HttpResponse<String> inTasklist = tasklist.json("POST", "/camunda/api/engine/engine/default/task/" + task.getId()
                        + "/submit-form", "{\"variables\":{" + proposal + ",\"department\":{\"value\":\"legal\"}}}",
                Map.of("X-XSRF-TOKEN", tasklist.cookie("XSRF-TOKEN")));
        assertThat(inTasklist.statusCode()).isEqualTo(400);
        assertThat(inTasklist.body()).as("Tasklist shows this message").contains("department", "不是此表单");

        // the part's department is its record's, even where a variable says otherwise
        runtime.setVariable(task.getProcessInstanceId(), "department", "legal");
        HttpResponse<String> honest = tasklist.json("POST", "/camunda/api/engine/engine/default/task/" + task.getId()
                + "/submit-form", "{\"variables\":{" + proposal + "}}", Map.of("X-XSRF-TOKEN", tasklist.cookie("XSRF-TOKEN")));
        assertThat(honest.statusCode()).as(honest.body()).isEqualTo(204);
        assertThat(jdbc.sql("select department from complaint_department where case_number = ? and state = 'PROPOSED'")
                .param(caseNumber).query(String.class).list()).containsExactly("quality");
    }

    @Test
    void eachRuleOfTheFormIsCheckedAndEveryRefusedFieldIsNamed() {
        DeadlineScenarios.now(TUESDAY_10);
        String caseNumber = majorCaseForQuality();
        Task task = scenarios.departmentTask(caseNumber, "quality");
        String submit = "/engine-rest/task/" + task.getId() + "/submit-form";
        HttpSession quality = as("quality");

        HttpResponse<String> many = quality.postJson(submit, "{\"variables\":{"
                + "\"outcome\":{\"value\":\"maybe\"},"                                  // not an option
                + "\"compensation\":{\"value\":-5,\"type\":\"Long\"},"                  // below min 0
                + "\"answerScript\":{\"value\":\"改写的口径\"},"                          // not in the form (案卷 tab)
                + "\"transferReason\":{\"value\":\"" + "长".repeat(1001) + "\"},"        // longer than its column
                + "\"approved\":{\"value\":true,\"type\":\"Boolean\"}}}");              // not in the form
        assertThat(many.statusCode()).isEqualTo(400);
        assertThat(many.body()).contains("outcome", "不是可选项", "compensation", "不能小于 0", "answerScript",
                "transferReason", "1000", "approved");

        HttpResponse<String> missing = quality.postJson(submit, "{\"variables\":{\"outcome\":{\"value\":\"propose\"}}}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("proposal", "rootCause", "必填").doesNotContain("transferReason");

        HttpResponse<String> rootCause = quality.postJson(submit, "{\"variables\":{\"outcome\":{\"value\":\"propose\"},"
                + "\"proposal\":{\"value\":\"退款\"},\"rootCause\":{\"value\":\"aliens\"}}}");
        assertThat(rootCause.statusCode()).isEqualTo(400);
        assertThat(rootCause.body()).contains("rootCause");
        assertThat(scenarios.openTasks(caseNumber)).extracting(Task::getId).contains(task.getId());

        // what the form shows, as Tasklist sends it: accepted
        HttpResponse<String> ok = quality.postJson(submit, "{\"variables\":{\"outcome\":{\"value\":\"not-ours\"},"
                + "\"transferReason\":{\"value\":\"应由售后处理\"}}}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
    }

    @Test
    void processVariablesAreWrittenDirectlyOnlyByAdministrators() {
        DeadlineScenarios.now(TUESDAY_10);
        String caseNumber = majorCaseForQuality();
        String instance = "/engine-rest/process-instance/" + lifecycle(caseNumber) + "/variables";
        String g1 = "{\"modifications\":{\"grade\":{\"value\":\"G1\",\"type\":\"String\"}}}";
        for (String user : new String[] {"owner", "manager", "center", "quality"}) {
            assertThat(as(user).postJson(instance, g1).statusCode()).as(user).isIn(403, 404);
        }
        assertThat(runtime.getVariable(lifecycle(caseNumber), "grade")).isEqualTo("G3");
        assertThat(as("demo").postJson(instance, "{\"modifications\":{\"adminNote\":{\"value\":\"修复\"}}}").statusCode())
                .isEqualTo(204);
    }

    @Test
    void theForwarderIsTheSignedInStarterNotWhatTheFormSays() {
        String department = "质量部" + TestScenarios.uniquePhone().substring(7);
        String form = "\"forwarderDepartment\":{\"value\":\"" + department + "\"},\"customerName\":{\"value\":\"钱先生\"},"
                + "\"customerPhone\":{\"value\":\"" + TestScenarios.uniquePhone() + "\"},"
                + "\"category\":{\"value\":\"after-sales\"},\"description\":{\"value\":\"转交测试\"}";
        String start = "/engine-rest/process-definition/key/internal-forwarding/submit-form";
        HttpResponse<String> spoofed = as("quality").postJson(start,
                "{\"variables\":{" + form + ",\"forwarder\":{\"value\":\"center\"}}}");
        assertThat(spoofed.statusCode()).isEqualTo(400);
        assertThat(spoofed.body()).contains("forwarder");

        HttpResponse<String> honest = as("quality").postJson(start, "{\"variables\":{" + form + "}}");
        assertThat(honest.statusCode()).as(honest.body()).isEqualTo(200);
        assertThat(jdbc.sql("select actor from timeline_entry where kind = 'FORWARDED' and summary like ?")
                .param("%" + department + "%").query(String.class).list()).isNotEmpty().containsOnly("quality");
    }

    /**
     * Found by {@code GeneratedHostileInputTest} (seed 18): a field no form has, 4,672 characters long, sent with a
     * value of type Object answered 500 ConcurrentModificationException ("Object is not deserialized") from the guard
     * itself. Now a 400 that names both, and the task is untouched — through submit-form and task variables alike.
     */
    @Test
    void aSerializedObjectAmongTheValuesIsRefusedNamingTheFieldNotA500() {
        DeadlineScenarios.now(TUESDAY_10);
        String caseNumber = majorCaseForQuality();
        Task task = scenarios.departmentTask(caseNumber, "quality");
        HttpSession quality = as("quality");
        String object = "{\"value\":\"\\\"补发\\\"\",\"type\":\"Object\",\"valueInfo\":{"
                + "\"objectTypeName\":\"java.lang.String\",\"serializationDataFormat\":\"application/json\"}}";

        HttpResponse<String> submit = quality.postJson("/engine-rest/task/" + task.getId() + "/submit-form",
                "{\"variables\":{\"outcome\":{\"value\":\"propose\"},\"proposal\":" + object + ","
                        + "\"rootCause\":{\"value\":\"process\"},\"grade\":{\"value\":\"" + "G".repeat(4672) + "\"}}}");
        assertThat(submit.statusCode()).as(submit.body()).isEqualTo(400);
        assertThat(submit.body()).contains("grade", "不是此表单", "proposal", "Object").doesNotContain("Concurrent");

        HttpResponse<String> write = quality.postJson("/engine-rest/task/" + task.getId() + "/variables",
                "{\"modifications\":{\"proposal\":" + object + "}}");
        assertThat(write.statusCode()).as(write.body()).isBetween(400, 499);
        assertThat(write.body()).contains("proposal");

        assertThat(scenarios.openTasks(caseNumber)).extracting(Task::getId).contains(task.getId());
        assertThat(runtime.getVariable(task.getProcessInstanceId(), "proposal")).isNull();
        assertThat(runtime.getVariable(lifecycle(caseNumber), "grade")).isEqualTo("G3");
    }

    /**
     * Found by {@code GeneratedHostileInputTest} (seed 18, case 1916): a handler wrote the confirmation's
     * {@code customerDecision} as the task's own variable ({@code /localVariables}); the form's later submission landed
     * on that variable and was gone with the task, so the gateway after it answered 500 "Cannot resolve identifier
     * 'customerDecision'" although the guard had seen the decision in the submission. A form field is not written as
     * a new variable of the task: refused naming the field, and the submission then reaches the process.
     */
    @Test
    void aFormFieldWrittenAsTheTasksOwnVariableIsRefusedSoTheSubmissionReachesTheProcess() {
        String caseNumber = scenarios.file(TestScenarios.firstContact("after-sales", "已当场解答"));
        Task task = scenarios.task(caseNumber, "Task_ConfirmWithCustomer");
        taskService.claim(task.getId(), "center");
        String path = "/engine-rest/task/" + task.getId();
        HttpSession center = as("center");

        HttpResponse<String> local = center.postJson(path + "/localVariables",
                "{\"modifications\":{\"customerDecision\":{\"value\":\"accept\",\"type\":\"String\"}}}");
        assertThat(local.statusCode()).as(local.body()).isBetween(400, 499);
        assertThat(local.body()).contains("customerDecision");
        assertThat(center.json("PUT", path + "/localVariables/customerDecision",
                "{\"value\":\"accept\",\"type\":\"String\"}", Map.of()).statusCode()).isBetween(400, 499);
        assertThat(taskService.getVariablesLocal(task.getId())).doesNotContainKey("customerDecision");

        HttpResponse<String> submit = center.postJson(path + "/submit-form", "{\"variables\":{"
                + "\"customerDecision\":{\"value\":\"accept\"},\"closureRootCause\":{\"value\":\"process\"},"
                + "\"responsibleDepartment\":{\"value\":\"after-sales\"},\"preventable\":{\"value\":\"yes\"}}}");
        assertThat(submit.statusCode()).as(submit.body()).isEqualTo(204);
        assertThat(scenarios.openTasks(caseNumber)).extracting(Task::getTaskDefinitionKey)
                .doesNotContain("Task_ConfirmWithCustomer");
        assertThat(runtime.getVariable(task.getProcessInstanceId(), "customerDecision")).isEqualTo("accept");
    }
}
