package io.complaintflow.privacy;

import static io.complaintflow.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.ReadinessScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.crisis.Crisis;
import io.complaintflow.crisis.CrisisProcess;
import io.complaintflow.crisis.CrisisStarter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /api/crises} under the one masking policy: a G4 complaint's crisis carries the complaint's subject (with the
 * customer's name) and description (phone, e-mail); the emergency groups and process owners read them masked, the
 * center and managers in full, and each read is a CRISIS row of the complaint in the access log.
 */
@ComplaintFlowTest
class CrisisReadsTest {

    @Autowired MockMvc mvc;
    @Autowired TestScenarios scenarios;
    @Autowired CrisisStarter starter;
    @Autowired ReadinessScenarios readiness;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void cleanUp() {
        readiness.deleteRunning(CrisisProcess.KEY);
    }

    private String read(String user, String path) throws Exception {
        return mvc.perform(get(path).with(as(user))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private long logged(String user, String caseNumber, String what) {
        return jdbc.sql("select count(*) from privacy_access_log where user_id = ? and door = 'CRISIS'"
                        + " and case_number = ? and what like ?")
                .params(user, caseNumber, "%personal data " + what).query(Long.class).single();
    }

    @Test
    void eachGroupReadsAComplaintsCrisisAsThePolicySaysAndEveryReadIsLogged() throws Exception {
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();
        String caseNumber = customer.fileFor(scenarios);
        Crisis crisis = starter.forComplaint(caseNumber, "manager");
        String path = "/api/crises/" + crisis.id();

        for (String user : new String[] {"center", "manager", "demo"}) {
            long before = logged(user, caseNumber, "in full");
            assertThat(read(user, path)).as(user).contains(customer.name(), customer.phone(), customer.email());
            assertThat(logged(user, caseNumber, "in full") - before).as(user).isEqualTo(1);
        }
        for (String user : new String[] {"commander", "senior", "owner"}) {
            assertThat(read(user, path)).as(user).doesNotContain(customer.name(), customer.phone(), customer.email())
                    .contains(customer.phone().substring(0, 3) + "****" + customer.phone().substring(7));
            assertThat(read(user, "/api/crises")).as(user).doesNotContain(customer.name(), customer.phone());
            assertThat(logged(user, caseNumber, "masked")).as(user).isEqualTo(2);
        }
    }
}
