package io.complaintflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Intake answers once the complaint, its timeline entry and its started lifecycle are committed; grading, routing,
 * deadlines and the first tasks follow as a job (asynchronous before 投诉定级), retried and an incident if they keep
 * failing — the stored complaint and the 201 stand either way.
 */
@ComplaintFlowTest
class AsyncIntakeTest {

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired RepositoryService repository;
    @Autowired TaskService tasks;
    @Autowired TestScenarios scenarios;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void theAnswerSaysWhatIsStoredAndWhatIsPendingThenTheJobGradesRoutesAndCreatesTheFirstTask() throws Exception {
        String caseNumber = file(body("delivery"));

        ProcessInstance lifecycle = lifecycle(caseNumber);
        assertThat(lifecycle).isWaitingAt(IntakeJobs.ACTIVITY).hasNotPassed(IntakeJobs.ACTIVITY);
        Job intakeJob = job(lifecycle);
        assertThat(intakeJob.getPriority()).as("between ladder timers (100) and mails (0)").isEqualTo(50);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).count()).isZero();
        mvc.perform(get("/api/complaints/" + caseNumber))
                .andExpect(jsonPath("$.status").value("ACCEPTED"))
                .andExpect(jsonPath("$.grade").doesNotExist())
                .andExpect(jsonPath("$.timeline[*].kind").value(contains("ACCEPTED")));

        execute(intakeJob);

        assertThat(lifecycle).hasPassed("Task_GradeComplaint", "Task_RouteComplaint", "Task_DetermineDeadlines")
                .isWaitingAt("Activity_DepartmentHandling");
        assertThat(scenarios.departmentTask(caseNumber, "logistics")).isNotNull();
        mvc.perform(get("/api/complaints/" + caseNumber))
                .andExpect(jsonPath("$.status").value("IN_PROGRESS"))
                .andExpect(jsonPath("$.grade").value("G1"))
                .andExpect(jsonPath("$.departments[0].department").value("logistics"))
                .andExpect(jsonPath("$.deadlines.RESOLUTION.targetAt").exists());
    }

    @Test
    void aGradingStepThatKeepsFailingIsRetriedAMinuteApartThenAnIncidentWhileTheComplaintStaysStored()
            throws Exception {
        // a process owner's slip: the grading table saved with a typo in an input expression
        String broken = Files.readString(Path.of("processes/complaint-grading.dmn"))
                .replace("<text>repeatCount</text>", "<text>repeatCount +</text>");
        assertThat(broken).contains("repeatCount +");
        String deployment = repository.createDeployment().name("async-intake-broken-grading")
                .addString("complaint-handling.bpmn", Files.readString(Path.of("processes/complaint-handling.bpmn")))
                .addString("complaint-grading.dmn", broken)
                .deploy().getId();
        try {
            String caseNumber = file(body("delivery"));
            ProcessInstance lifecycle = lifecycle(caseNumber);
            assertThat(repository.getProcessDefinition(lifecycle.getProcessDefinitionId()).getDeploymentId())
                    .isEqualTo(deployment);

            Job job = job(lifecycle);
            int attempts = 0;
            while (job.getRetries() > 0 && attempts < 10) {
                Instant before = Instant.now();
                String id = job.getId();
                assertThatThrownBy(() -> management.executeJob(id)).hasMessageContaining("repeatCount +");
                attempts++;
                job = management.createJobQuery().jobId(id).singleResult();
                if (job.getRetries() > 0) {
                    assertThat(Duration.between(before, job.getDuedate().toInstant()))
                            .as("next attempt a minute later").isBetween(Duration.ofSeconds(50), Duration.ofSeconds(70));
                }
            }
            assertThat(attempts).as("R5/PT1M: five attempts").isEqualTo(5);

            Incident incident = runtime.createIncidentQuery().processInstanceId(lifecycle.getId()).singleResult();
            assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
            assertThat(incident.getActivityId()).isEqualTo("Task_GradeComplaint");
            assertThat(incident.getIncidentMessage()).contains("repeatCount +");
            assertThat(lifecycle).isWaitingAt("Task_GradeComplaint");
            mvc.perform(get("/api/complaints/" + caseNumber))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("ACCEPTED"))
                    .andExpect(jsonPath("$.timeline[*].kind").value(contains("ACCEPTED")));
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    @Test
    void theSameReferenceAgainAfterTheJobRanAnswers200WithNothingPending() throws Exception {
        String body = """
                {"channel":"wechat","externalRef":"WX-ASYNC-%s","customer":{"name":"李女士","phone":"%s"},
                 "category":"billing","description":"多扣了 199 元"}
                """.formatted(TestScenarios.uniquePhone(), TestScenarios.uniquePhone());
        String caseNumber = file(body);
        scenarios.runIntakeJobs(caseNumber);

        mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.caseNumber").value(caseNumber))
                .andExpect(jsonPath("$.grade").value("G1"))
                .andExpect(jsonPath("$.pending", empty()));
    }

    /** POSTs the complaint and checks the 201: stored, started, nothing of the steps after intake decided yet. */
    private String file(String body) throws Exception {
        String response = mvc.perform(post("/api/complaints").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("ACCEPTED"))
                .andExpect(jsonPath("$.grade").doesNotExist())
                .andExpect(jsonPath("$.departments", empty()))
                .andExpect(jsonPath("$.pending", contains("grade", "departments", "deadlines")))
                .andReturn().getResponse().getContentAsString();
        String caseNumber = json.readTree(response).get("caseNumber").asText();
        assertThat(json.readTree(response).get("statusUrl").asText()).isEqualTo("/api/complaints/" + caseNumber);
        mvc.perform(get("/api/complaints/" + caseNumber)).andExpect(status().isOk());
        return caseNumber;
    }

    private static String body(String category) throws IOException {
        return """
                {"channel":"hotline","customer":{"name":"王先生","phone":"%s"},"category":"%s",
                 "product":"%s","description":"快递三天没到"}
                """.formatted(TestScenarios.uniquePhone(), category, TestScenarios.uniqueProduct());
    }

    private ProcessInstance lifecycle(String caseNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.KEY)
                .processInstanceBusinessKey(caseNumber).singleResult();
    }
}
