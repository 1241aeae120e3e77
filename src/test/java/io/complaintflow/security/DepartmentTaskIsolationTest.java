package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HandlerForms;
import io.complaintflow.HttpSession;
import io.complaintflow.TestScenarios;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A department's task is its department's alone, whatever shape the engine's authorization checks take
 * ({@link AuthorizationQueries}): handlers of another department, of a lead group, and a user whose groups hold no
 * grant at all neither list, read, claim nor complete it, through {@code /engine-rest} or Tasklist's API; the
 * department's own handler (also when one of its groups holds no grant) does.
 */
@ComplaintFlowTest
class DepartmentTaskIsolationTest {

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired ProcessEngine engine;

    /** In dept-logistics and in a group that holds no grant anywhere. */
    String insider;
    /** Only in a group that holds no grant anywhere. */
    String stranger;
    String noGrants;

    @BeforeEach
    void people() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        noGrants = "no-grants-" + suffix;
        identity.saveGroup(identity.newGroup(noGrants));
        insider = person("insider-" + suffix, Groups.department("logistics"), noGrants);
        stranger = person("stranger-" + suffix, noGrants);
    }

    @AfterEach
    void cleanUp() {
        identity.deleteUser(insider);
        identity.deleteUser(stranger);
        identity.deleteGroup(noGrants);
    }

    private String person(String id, String... groups) {
        User user = identity.newUser(id);
        user.setFirstName("Iso");
        user.setLastName("Lation");
        user.setPassword(DemoUsers.PASSWORD);
        identity.saveUser(user);
        for (String group : groups) {
            identity.createMembership(id, group);
        }
        return id;
    }

    @Test
    void theChecksNoLongerReadEveryGroupWithAGrant() {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getSessionFactories().get(AuthorizationManager.class).openSession())
                .isInstanceOf(AuthorizationQueries.CallerGroups.class);
    }

    @Test
    void anotherDepartmentALeadGroupAndAGroupWithoutGrantsCannotSeeClaimOrCompleteTheTask() {
        String caseNumber = scenarios.routine("delivery");
        Task task = scenarios.departmentTask(caseNumber, "logistics");
        assertThat(task).as("a delivery complaint waits at logistics").isNotNull();
        String byCase = "/engine-rest/task?processInstanceBusinessKey=" + caseNumber;
        String submit = "{\"variables\":" + variables() + "}";

        for (String outsider : new String[] {"quality", "lead-quality", "billing", stranger}) {
            HttpSession rest = new HttpSession(port).basic(outsider, DemoUsers.PASSWORD);
            assertThat(rest.get(byCase).body()).as(outsider + " lists").isEqualTo("[]");
            assertThat(rest.get("/engine-rest/task/count?processInstanceBusinessKey=" + caseNumber).body())
                    .as(outsider + " counts").contains("\"count\":0");
            assertThat(rest.get("/engine-rest/task/" + task.getId()).statusCode()).as(outsider + " reads")
                    .isIn(403, 404);
            assertThat(rest.postJson("/engine-rest/task/" + task.getId() + "/claim",
                    "{\"userId\":\"" + outsider + "\"}").statusCode()).as(outsider + " claims").isEqualTo(403);
            assertThat(rest.postJson("/engine-rest/task/" + task.getId() + "/submit-form", submit).statusCode())
                    .as(outsider + " completes").isEqualTo(403);

            HttpSession tasklist = tasklist(outsider);
            if (tasklist != null) {
                assertThat(tasklist.get("/camunda/api/engine/engine/default/task?processInstanceBusinessKey="
                        + caseNumber).body()).as(outsider + " lists in Tasklist").isEqualTo("[]");
                assertThat(tasklist.json("POST", "/camunda/api/engine/engine/default/task/" + task.getId() + "/claim",
                        "{\"userId\":\"" + outsider + "\"}", xsrf(tasklist)).statusCode())
                        .as(outsider + " claims in Tasklist").isEqualTo(403);
                assertThat(tasklist.json("POST", "/camunda/api/engine/engine/default/task/" + task.getId()
                        + "/submit-form", submit, xsrf(tasklist)).statusCode())
                        .as(outsider + " completes in Tasklist").isEqualTo(403);
            }
        }
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();

        // the department's own handlers: one through /engine-rest, one (whose second group holds no grant) in Tasklist
        HttpSession logistics = new HttpSession(port).basic("logistics", DemoUsers.PASSWORD);
        assertThat(logistics.get(byCase).body()).contains(task.getId());
        HttpSession insiderTasklist = tasklist(insider);
        assertThat(insiderTasklist.get("/camunda/api/engine/engine/default/task?processInstanceBusinessKey="
                + caseNumber).body()).contains(task.getId());
        assertThat(insiderTasklist.json("POST", "/camunda/api/engine/engine/default/task/" + task.getId() + "/claim",
                "{\"userId\":\"" + insider + "\"}", xsrf(insiderTasklist)).statusCode()).isEqualTo(204);
        HttpResponse<String> done = insiderTasklist.json("POST", "/camunda/api/engine/engine/default/task/"
                + task.getId() + "/submit-form", submit, xsrf(insiderTasklist));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult()).as("completed").isNull();
    }

    /** Signed into Tasklist, or null where Tasklist refuses the login (a user with no staff group). */
    private HttpSession tasklist(String user) {
        HttpSession session = new HttpSession(port);
        if (session.webappLogin(user, DemoUsers.PASSWORD).statusCode() != 200) {
            return null;
        }
        session.get("/camunda/api/engine/engine/"); // hands out the session's XSRF token, as Tasklist's next call does
        return session;
    }

    private static Map<String, String> xsrf(HttpSession session) {
        return Map.of("X-XSRF-TOKEN", session.cookie("XSRF-TOKEN"));
    }

    private static String variables() {
        StringBuilder json = new StringBuilder("{");
        HandlerForms.proposal("已联系快递补发包裹", 50, "process").forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(name).append("\":").append(value instanceof Number n
                    ? "{\"value\":" + n.longValue() + ",\"type\":\"Long\"}" : "{\"value\":\"" + value + "\"}");
        });
        return json.append('}').toString();
    }
}
