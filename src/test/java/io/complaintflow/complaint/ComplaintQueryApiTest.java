package io.complaintflow.complaint;

import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.startsWith;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.testdb.H2QueryStatistics;
import io.complaintflow.testdb.TestDatabase;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@ComplaintFlowTest
class ComplaintQueryApiTest {

    @Autowired MockMvc mvc;
    @Autowired TestScenarios scenarios;
    @Autowired JdbcClient jdbc;

    @Test
    void aComplaintComesWithItsWholeTimelineOldestFirst() throws Exception {
        String caseNumber = scenarios.routine("delivery");
        scenarios.sendBack(caseNumber, "logistics", "logistics", "不是物流问题");

        mvc.perform(get("/api/complaints/" + caseNumber))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.caseNumber").value(caseNumber))
                .andExpect(jsonPath("$.transferCount").value(1))
                .andExpect(jsonPath("$.timeline[0].kind").value("ACCEPTED"))
                .andExpect(jsonPath("$.timeline[0].actor").value("agent"))
                .andExpect(jsonPath("$.timeline[4].kind").value("TRANSFERRED"))
                .andExpect(jsonPath("$.timeline[4].actor").value("logistics"))
                .andExpect(jsonPath("$.timeline[4].detail").value("不是物流问题"));
    }

    @Test
    void aClosedComplaintShowsTheRootCauseRecordedAtClosure() throws Exception {
        String caseNumber = scenarios.routine("delivery");
        mvc.perform(get("/api/complaints/" + caseNumber))
                .andExpect(jsonPath("$.closure").doesNotExist());
        scenarios.propose(caseNumber, "logistics", "logistics", "补发包裹");
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", java.util.Map.of("answer", "已补发"));
        scenarios.accept(caseNumber);

        mvc.perform(get("/api/complaints/" + caseNumber))
                .andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(jsonPath("$.closure.rootCause").value("process"))
                .andExpect(jsonPath("$.closure.responsibleDepartment").value("quality"))
                .andExpect(jsonPath("$.closure.preventable").value(true));
    }

    @Test
    void theViewReadsTheComplaintRowOnceWithItsClosureAndMerge() throws Exception {
        String caseNumber = scenarios.routine("delivery");
        scenarios.propose(caseNumber, "logistics", "logistics", "补发包裹");
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", java.util.Map.of("answer", "已补发"));
        scenarios.accept(caseNumber);
        String duplicate = scenarios.routine("delivery");
        jdbc.sql("update complaint set merged_into = ? where case_number = ?").param(caseNumber).param(duplicate)
                .update();

        long reads = H2QueryStatistics.executions(jdbc, "%from complaint where case_number = ?%", () -> mvc.perform(get("/api/complaints/" + caseNumber))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.closure.rootCause").value("process"))
                .andExpect(jsonPath("$.closure.preventable").value(true))
                .andExpect(jsonPath("$.mergedFrom[0]").value(duplicate))
                .andExpect(jsonPath("$.mergedInto").doesNotExist()));
        if (!TestDatabase.postgresRun()) {
            assertThat(reads).as("reads of the complaint's row by its case number").isEqualTo(1);
        }
        mvc.perform(get("/api/complaints/" + duplicate))
                .andExpect(jsonPath("$.mergedInto").value(caseNumber))
                .andExpect(jsonPath("$.closure").doesNotExist());
        mvc.perform(get("/api/complaints/" + caseNumber).with(io.complaintflow.TestUsers.as("billing")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aDepartmentReadsTheLabelsOfTheCodesTheCaseFileShows() throws Exception {
        mvc.perform(get("/api/complaints/vocabulary").with(io.complaintflow.TestUsers.as("quality")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status.CLOSED").value("已结案"))
                .andExpect(jsonPath("$.grade.G4").value("危机"))
                .andExpect(jsonPath("$.channel.hotline").value("热线"))
                .andExpect(jsonPath("$.category.delivery").value("物流配送"))
                .andExpect(jsonPath("$.department.quality").value("质量部"))
                .andExpect(jsonPath("$.regulator['12315']").value("市场监管（12315）"));
    }

    @Test
    void anUnknownCaseNumberIs404() throws Exception {
        mvc.perform(get("/api/complaints/CMP-19990101-000001"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", startsWith("application/problem+json")));
    }

    @Test
    void theListFiltersByDepartmentStatusAndChannelAndPages() throws Exception {
        String billing1 = scenarios.routine("billing");
        String billing2 = scenarios.routine("billing");
        scenarios.propose(billing2, "billing", "billing", "退费");
        scenarios.complete(billing2, "Task_AnswerCustomer", "center", Map.of("answer", "退费"));

        mvc.perform(get("/api/complaints").param("department", "billing").param("status", "RESOLVED"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].caseNumber").value(hasItem(billing2)))
                .andExpect(jsonPath("$.items[*].status").value(everyItem(is("RESOLVED"))))
                .andExpect(jsonPath("$.items[*].departments[0].department").value(everyItem(is("billing"))));
        mvc.perform(get("/api/complaints").param("department", "billing").param("channel", "hotline")
                        .param("size", "1").param("page", "0"))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.size").value(1))
                .andExpect(jsonPath("$.total").value(org.hamcrest.Matchers.greaterThanOrEqualTo(2)));
        mvc.perform(get("/api/complaints").param("from", "2000-01-01").param("to", "2000-01-31"))
                .andExpect(jsonPath("$.total").value(0));
        org.assertj.core.api.Assertions.assertThat(billing1).isNotEqualTo(billing2);
    }

    /** What Tasklist's list asks for the subjects of the tasks it shows: these complaints, no others. */
    @Test
    void theListNamesItsComplaintsByCaseNumber() throws Exception {
        String first = scenarios.routine("billing");
        String second = scenarios.routine("delivery");
        scenarios.routine("billing");

        mvc.perform(get("/api/complaints").param("caseNumber", first, second, "CMP-19990101-000001"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[*].caseNumber").value(
                        org.hamcrest.Matchers.containsInAnyOrder(first, second)))
                .andExpect(jsonPath("$.items[*].subject").value(everyItem(org.hamcrest.Matchers.notNullValue())));
        // a department lists only what it may read, named or not
        mvc.perform(get("/api/complaints").param("caseNumber", first, second)
                        .with(io.complaintflow.TestUsers.as("billing")))
                .andExpect(jsonPath("$.items[*].caseNumber").value(org.hamcrest.Matchers.contains(first)));
    }

    @Test
    void badFiltersAreNamed() throws Exception {
        mvc.perform(get("/api/complaints").param("status", "LOST").param("size", "1000").param("from", "soon"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "status", "from", "size")));
        mvc.perform(get("/api/complaints").param("caseNumber", "CMP-1", "x' or 1=1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("caseNumber"));
        mvc.perform(get("/api/complaints").param("caseNumber", java.util.stream.IntStream.range(0, 51)
                        .mapToObj(i -> "CMP-20261205-" + i).toArray(String[]::new)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("caseNumber"));
    }
}
