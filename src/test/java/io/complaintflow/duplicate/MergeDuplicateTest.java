package io.complaintflow.duplicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ComplaintFlowTest
class MergeDuplicateTest {

    @Autowired MockMvc mvc;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired TestScenarios scenarios;
    @Autowired DeadlineScenarios time;
    @Autowired DeadlineService deadlines;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    private static String body(String into, String reason) {
        return "{\"intoCaseNumber\":" + (into == null ? "null" : "\"" + into + "\"") + ",\"reason\":"
                + (reason == null ? "null" : "\"" + reason + "\"") + "}";
    }

    @Test
    void mergingClosesTheDuplicateStopsItsDeadlinesEndsItsTimersAndTasksAndLinksBoth() throws Exception {
        String target = scenarios.routine("delivery");
        String duplicate = scenarios.routine("delivery");
        ProcessInstance lifecycle = runtime.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.KEY)
                .processInstanceBusinessKey(duplicate).singleResult();
        assertThat(lifecycle).isWaitingAt("Activity_DepartmentHandling");
        assertThat(time.timer(duplicate, "Event_ResolutionOverdue")).isNotNull();
        assertThat(time.timer(duplicate, "Event_DepartmentOverdue")).isNotNull();
        assertThat(scenarios.departmentTask(duplicate, "logistics")).isNotNull();

        mvc.perform(post("/api/complaints/" + duplicate + "/merge").contentType(MediaType.APPLICATION_JSON)
                        .content(body(target, "同一客户就同一包裹重复投诉")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(jsonPath("$.mergedInto").value(target))
                .andExpect(jsonPath("$.timeline[?(@.kind == 'MERGED')].summary").value("作为重复投诉并入 " + target));

        assertThat(lifecycle).isEnded().hasPassed("StartEvent_MergedIntoOther", "EndEvent_Merged");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(duplicate)
                .processDefinitionKeyIn(ComplaintProcess.KEY, ComplaintProcess.DEPARTMENT_KEY).count())
                .as("the department part ends with the lifecycle").isZero();
        assertThat(time.timer(duplicate, "Event_ResolutionOverdue")).isNull();
        assertThat(time.timer(duplicate, "Event_DepartmentOverdue")).isNull();
        assertThat(scenarios.openTasks(duplicate)).isEmpty();
        assertThat(deadlines.all(duplicate)).isNotEmpty().allSatisfy(c -> assertThat(c.open()).as(c.name()).isFalse());
        assertThat(deadlines.find(target, Deadline.RESOLUTION).orElseThrow().open()).isTrue();
        assertThat(scenarios.complaint(duplicate).closedAt()).isNotNull();
        assertThat(scenarios.timelineKinds(duplicate)).contains("MERGED", "CLOSED");
        assertThat(scenarios.timelineKinds(target)).contains("MERGED");

        mvc.perform(get("/api/complaints/" + target))
                .andExpect(jsonPath("$.mergedFrom[0]").value(duplicate))
                .andExpect(jsonPath("$.status").value("IN_PROGRESS"));

        mvc.perform(post("/api/complaints/" + duplicate + "/merge").contentType(MediaType.APPLICATION_JSON)
                .content(body(target, "再来一次"))).andExpect(status().isConflict());
        String third = scenarios.routine("billing");
        mvc.perform(post("/api/complaints/" + third + "/merge").contentType(MediaType.APPLICATION_JSON)
                .content(body(duplicate, "并入已合并的工单"))).andExpect(status().isConflict());
    }

    @Test
    void aRegulatorCaseMergedWhileItsReplyIsOpenLosesAllItsTimers() throws Exception {
        String target = scenarios.routine("product-quality");
        String duplicate = scenarios.file(TestScenarios.regulatorCase("12315", "12315-MRG-" + TestScenarios.uniquePhone(),
                "product-quality"));
        assertThat(time.timer(duplicate, "Event_RegulatorReplyOverdue")).isNotNull();

        mvc.perform(post("/api/complaints/" + duplicate + "/merge").contentType(MediaType.APPLICATION_JSON)
                .content(body(target, "监管转来的与客户直接投诉为同一事项"))).andExpect(status().isOk());

        assertThat(management.createJobQuery().processInstanceId(history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ComplaintProcess.KEY).processInstanceBusinessKey(duplicate).singleResult()
                .getId()).count()).isZero();
        assertThat(deadlines.find(duplicate, Deadline.REGULATOR_REPLY).orElseThrow().open()).isFalse();
    }

    @Test
    void badMergeRequestsAreRefused() throws Exception {
        String a = scenarios.routine("delivery");
        mvc.perform(post("/api/complaints/" + a + "/merge").contentType(MediaType.APPLICATION_JSON)
                        .content(body(a, null)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItems("intoCaseNumber", "reason")));
        mvc.perform(post("/api/complaints/" + a + "/merge").contentType(MediaType.APPLICATION_JSON)
                        .content(body("CMP-20000101-999999", "重复")))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/complaints/CMP-20000101-999999/merge").contentType(MediaType.APPLICATION_JSON)
                .content(body(a, "重复"))).andExpect(status().isNotFound());
        assertThat(scenarios.complaint(a).status()).isEqualTo(ComplaintStatus.IN_PROGRESS);
    }
}
