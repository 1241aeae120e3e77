package io.complaintflow.privacy;

import static io.complaintflow.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.mass.MassIncident;
import io.complaintflow.mass.MassIncidents;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /api/mass-incidents} under the one masking policy: the incident's answer and product are free text (here
 * the answer names a customer's mobile); the center, its lead, managers and administrators read them in full, the
 * emergency groups and process owners masked; every read is in the access log, once per complaint it links.
 */
@ComplaintFlowTest
class MassIncidentReadsTest {

    @Autowired MockMvc mvc;
    @Autowired TestScenarios scenarios;
    @Autowired MassIncidents incidents;
    @Autowired JdbcClient jdbc;

    private static final String MOBILE = "13755556666";

    private MassIncident incidentAnswered() throws Exception {
        String product = TestScenarios.uniqueProduct();
        String last = null;
        for (int i = 0; i < 5; i++) {
            last = scenarios.file(PrivacyScenarios.newCustomer().complaint(product));
        }
        MassIncident incident = incidents.ofComplaint(last).orElseThrow();
        mvc.perform(post("/api/mass-incidents/" + incident.id() + "/answer").with(as("center"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"answer\":\"统一补发；如仍未收到请联系欧阳女士 " + MOBILE + " 登记\"}"))
                .andExpect(status().isOk());
        return incidents.find(incident.id()).orElseThrow();
    }

    private String read(String user, String path) throws Exception {
        return mvc.perform(get(path).with(as(user))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private long logged(String user, MassIncident incident, String what) {
        return jdbc.sql("select count(*) from privacy_access_log where user_id = ? and door = 'MASS_INCIDENT'"
                        + " and case_number = ? and what like ?")
                .params(user, incident.members().get(0), "%" + incident.label() + ", personal data " + what + "%")
                .query(Long.class).single();
    }

    @Test
    void eachGroupReadsAnIncidentAsThePolicySaysAndEveryReadIsLogged() throws Exception {
        MassIncident incident = incidentAnswered();
        String one = "/api/mass-incidents/" + incident.id();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        String list = "/api/mass-incidents?from=" + LocalDate.parse(today).minusDays(1) + "&to=" + today;

        long before = rows(incident);
        for (String user : new String[] {"center", "center-lead", "manager", "demo"}) {
            long earlier = logged(user, incident, "in full");
            assertThat(read(user, one)).as(user).contains(MOBILE);
            assertThat(read(user, list)).as(user).contains(MOBILE);
            assertThat(logged(user, incident, "in full") - earlier).as(user).isEqualTo(2);
        }
        for (String user : new String[] {"owner", "commander", "senior"}) {
            assertThat(read(user, one)).as(user).doesNotContain(MOBILE).contains("137****6666");
            assertThat(read(user, list)).as(user).doesNotContain(MOBILE).contains("137****6666");
            assertThat(logged(user, incident, "masked")).as(user).isEqualTo(2);
        }
        for (String user : new String[] {"quality", "agent", "privacy"}) {
            mvc.perform(get(one).with(as(user))).andExpect(status().isForbidden());
        }
        assertThat(rows(incident) - before).as("one row per linked complaint and read").isEqualTo(14);
    }

    private long rows(MassIncident incident) {
        return jdbc.sql("select count(*) from privacy_access_log where door = 'MASS_INCIDENT' and case_number = ?")
                .param(incident.members().get(4)).query(Long.class).single();
    }
}
