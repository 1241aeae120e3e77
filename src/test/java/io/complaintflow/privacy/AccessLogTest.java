package io.complaintflow.privacy;

import static io.complaintflow.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import io.complaintflow.TestScenarios;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Every read of a complaint's personal data is recorded, whichever door it came through. */
@ComplaintFlowTest
class AccessLogTest {

    @Autowired MockMvc mvc;
    @Autowired TestScenarios scenarios;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    private List<String> entries(String caseNumber) {
        return jdbc.sql("select user_id || ' ' || door || ' ' || what from privacy_access_log where case_number = ?"
                + " order by id").param(caseNumber).query(String.class).list();
    }

    @Test
    void readsThroughTheApiTheCaseViewAndTheRevealAreRecorded() throws Exception {
        String caseNumber = scenarios.file(PrivacyScenarios.newCustomer().complaint());
        assertThat(entries(caseNumber)).isEmpty();

        mvc.perform(get("/api/complaints/" + caseNumber).with(as("center"))).andExpect(status().isOk());
        mvc.perform(get("/api/complaints/" + caseNumber).with(as("logistics"))
                .header("Referer", "http://localhost:8080/camunda/app/tasklist/default/#/?task=1")).andExpect(status().isOk());
        mvc.perform(get("/api/complaints/" + caseNumber + "/contact").with(as("logistics"))).andExpect(status().isOk());
        mvc.perform(get("/api/complaints").param("department", "logistics").param("size", "200").with(as("logistics")))
                .andExpect(status().isOk());

        assertThat(entries(caseNumber)).containsExactly(
                "center API complaint, personal data in full",
                "logistics CASE_VIEW complaint, personal data masked",
                "logistics REVEAL contact details (name, phone, e-mail)",
                "logistics API list, personal data masked");
    }

    @Test
    void aComplaintTheReaderMayNotSeeLeavesNoEntry() throws Exception {
        String caseNumber = scenarios.file(PrivacyScenarios.newCustomer().complaint());
        mvc.perform(get("/api/complaints/" + caseNumber).with(as("billing"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/complaints/" + caseNumber + "/contact").with(as("billing"))).andExpect(status().isNotFound());
        assertThat(entries(caseNumber)).isEmpty();
    }

    @Test
    void privacyOfficersQueryTheLogByComplaintUserAndPeriod() throws Exception {
        String caseNumber = scenarios.file(PrivacyScenarios.newCustomer().complaint());
        mvc.perform(get("/api/complaints/" + caseNumber).with(as("logistics"))).andExpect(status().isOk());

        mvc.perform(get("/api/privacy/access-log").param("caseNumber", caseNumber).with(as("privacy")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].user").value("logistics"))
                .andExpect(jsonPath("$.items[0].door").value("API"))
                .andExpect(jsonPath("$.items[0].at").exists());
        mvc.perform(get("/api/privacy/access-log").param("user", "logistics").param("from", "2020-01-01")
                        .param("size", "500").with(as("privacy")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].caseNumber").value(hasItem(caseNumber)));
        mvc.perform(get("/api/privacy/access-log").param("caseNumber", caseNumber).param("to", "1999-01-01")
                        .with(as("privacy")))
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void badQueriesAre400NamingTheField() throws Exception {
        mvc.perform(get("/api/privacy/access-log").param("from", "gestern").with(as("privacy")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(get("/api/privacy/access-log").with(as("privacy")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("caseNumber"));
        mvc.perform(get("/api/privacy/access-log").param("user", "x").param("size", "501").with(as("privacy")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void theLogIsThePrivacyOfficersAlone() throws Exception {
        for (String user : new String[] {"demo", "center", "manager", "logistics", "owner"}) {
            mvc.perform(get("/api/privacy/access-log").param("user", "x").with(as(user)))
                    .andExpect(status().isForbidden());
        }
        assertThat(new HttpSession(port).get("/api/privacy/access-log?user=x").statusCode()).isEqualTo(401);
    }
}
