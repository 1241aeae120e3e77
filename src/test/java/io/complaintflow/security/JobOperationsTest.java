package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The engine's jobs — above all history cleanup, which enforces data deletion — are the administrators' to change. */
@ComplaintFlowTest
class JobOperationsTest {

    @LocalServerPort int port;
    @Autowired HistoryService history;
    @Autowired ManagementService management;

    private HttpSession as(String user) {
        return new HttpSession(port).basic(user, "demo");
    }

    @Test
    void intakeBotCannotSuspendDeleteRedateZeroOrRunTheHistoryCleanupJob() {
        Job cleanup = history.findHistoryCleanupJobs().get(0);
        String job = "/engine-rest/job/" + cleanup.getId();
        for (String user : new String[] {"intake-bot", "quality", "owner", "manager"}) {
            HttpSession session = as(user);
            assertThat(session.json("PUT", job + "/suspended", "{\"suspended\":true}", Map.of()).statusCode())
                    .as(user + " suspends").isEqualTo(403);
            assertThat(session.json("PUT", job + "/duedate", "{\"duedate\":\"2099-01-01T00:00:00.000+0000\"}", Map.of())
                    .statusCode()).as(user + " re-dates").isEqualTo(403);
            assertThat(session.json("PUT", job + "/retries", "{\"retries\":0}", Map.of()).statusCode())
                    .as(user + " zeroes retries").isEqualTo(403);
            assertThat(session.json("PUT", job + "/priority", "{\"priority\":-100}", Map.of()).statusCode())
                    .as(user + " re-prioritises").isEqualTo(403);
            assertThat(session.json("POST", job + "/execute", null, Map.of()).statusCode())
                    .as(user + " runs it").isEqualTo(403);
            assertThat(session.json("DELETE", job, null, Map.of()).statusCode()).as(user + " deletes").isEqualTo(403);
            assertThat(session.json("PUT", "/engine-rest/job-definition/" + cleanup.getJobDefinitionId() + "/suspended",
                    "{\"suspended\":true,\"includeJobs\":true}", Map.of()).statusCode())
                    .as(user + " suspends the job definition").isIn(403, 404);
            assertThat(session.json("POST", "/engine-rest/job/retries",
                    "{\"jobIds\":[\"" + cleanup.getId() + "\"],\"retries\":0}", Map.of()).statusCode())
                    .as(user + " zeroes retries in a batch").isEqualTo(403);
        }
        Job after = management.createJobQuery().jobId(cleanup.getId()).singleResult();
        assertThat(after).isNotNull();
        assertThat(after.isSuspended()).isFalse();
        assertThat(after.getRetries()).isEqualTo(cleanup.getRetries());
        assertThat(after.getDuedate()).isEqualTo(cleanup.getDuedate());
        assertThat(after.getPriority()).isEqualTo(cleanup.getPriority());

        // the administrator may
        assertThat(as("demo").json("PUT", job + "/retries", "{\"retries\":" + cleanup.getRetries() + "}", Map.of())
                .statusCode()).isEqualTo(204);
    }
}
