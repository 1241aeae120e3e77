package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintRepository;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every door of the application, knocked on over real HTTP: without credentials, with the wrong ones, across departments. */
@ComplaintFlowTest
class SecurityDoorsTest {

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;
    @Autowired ComplaintRepository complaints;
    @Autowired AuthorizationService authorizations;
    @Autowired IdentityService identity;
    @Autowired JdbcClient jdbc;
    @Autowired org.camunda.bpm.engine.ProcessEngine engine;

    private HttpSession anonymous() {
        return new HttpSession(port);
    }

    private HttpSession as(String user) {
        return new HttpSession(port).basic(user, "demo");
    }

    private long complaintCount() {
        return jdbc.sql("select count(*) from complaint").query(Long.class).single();
    }

    @Test
    void everyAreaButHealthAndPublicAnswers401WithoutCredentials() {
        long before = complaintCount();
        HttpResponse<String> list = anonymous().get("/api/complaints");
        assertThat(list.statusCode()).isEqualTo(401);
        assertThat(list.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(list.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(anonymous().postJson("/api/complaints", hotline("无凭据的投诉")).statusCode()).isEqualTo(401);
        assertThat(anonymous().get("/api/reports/summary").statusCode()).isEqualTo(401);
        assertThat(anonymous().get("/engine-rest/task").statusCode()).isEqualTo(401);
        assertThat(anonymous().get("/engine-rest/process-definition").statusCode()).isEqualTo(401);
        assertThat(anonymous().get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);
        assertThat(anonymous().get("/actuator").statusCode()).isEqualTo(401);
        assertThat(anonymous().get("/actuator/health").statusCode()).isEqualTo(200);
        // the webapps' own login page is the way in
        assertThat(anonymous().get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
        assertThat(complaintCount()).isEqualTo(before);
    }

    @Test
    void wrongPasswordIsRefusedOnApiAndEngineRest() {
        // logistics: a failed login delays that user's next one, so the other tests' users stay untouched
        HttpSession intruder = new HttpSession(port).basic("logistics", "not-the-password");
        assertThat(intruder.get("/api/complaints").statusCode()).isEqualTo(401);
        assertThat(intruder.get("/engine-rest/task").statusCode()).isEqualTo(401);
        assertThat(new HttpSession(port).basic("nobody", "demo").get("/api/complaints").statusCode()).isEqualTo(401);
    }

    @Test
    void intakeClientsFileComplaintsButReadNothingElse() {
        HttpResponse<String> filed = as("intake-bot").postJson("/api/complaints", hotline("接入渠道提交的投诉"));
        assertThat(filed.statusCode()).isEqualTo(201);
        assertThat(filed.body()).contains("\"caseNumber\"");
        assertThat(as("intake-bot").get("/api/reports/summary").statusCode()).isEqualTo(403);
        assertThat(as("quality").postJson("/api/complaints", hotline("部门不受理投诉")).statusCode()).isEqualTo(403);
        assertThat(as("quality").get("/api/reports/summary").statusCode()).isEqualTo(403);
        assertThat(as("manager").get("/api/reports/summary").statusCode()).isEqualTo(200);
        assertThat(as("quality").post("/api/models/redeploy", Map.of()).statusCode()).isEqualTo(403);
        assertThat(as("quality").get("/actuator").statusCode()).isEqualTo(403);
        assertThat(as("quality").get("/api/answer-scripts?category=billing").statusCode()).isEqualTo(200);
        assertThat(as("quality").postJson("/api/root-causes", "{\"code\":\"x\",\"label\":\"随便\"}").statusCode())
                .isEqualTo(403);
        assertThat(as("quality").get("/api/reviews").statusCode()).isEqualTo(403);
        assertThat(as("intake-bot").postJson("/api/assist/retrain", "{}").statusCode()).isEqualTo(403);
        assertThat(as("demo").get("/actuator").statusCode()).isEqualTo(200);
    }

    @Test
    void aQualityHandlerNeitherSeesNorCompletesABillingTaskNorReadsABillingComplaint() {
        String billingCase = scenarios.routine("billing");
        Task billingTask = scenarios.openTasks(billingCase).get(0);
        assertThat(scenarios.openTasks(billingCase)).hasSize(1);

        assertThat(as("quality").get("/api/complaints/" + billingCase).statusCode()).isEqualTo(404);
        assertThat(as("quality").get("/api/complaints?size=200").body()).doesNotContain(billingCase);
        assertThat(as("quality").get("/engine-rest/task?processInstanceBusinessKey=" + billingCase).body())
                .isEqualTo("[]");
        HttpResponse<String> complete = as("quality").postJson("/engine-rest/task/" + billingTask.getId() + "/complete",
                "{\"variables\":{}}");
        assertThat(complete.statusCode()).isIn(403, 404);
        assertThat(scenarios.openTasks(billingCase)).extracting(Task::getId).contains(billingTask.getId());

        // billing itself, and the complaint center that owns every complaint, do see it
        assertThat(as("billing").get("/api/complaints/" + billingCase).statusCode()).isEqualTo(200);
        assertThat(as("billing").get("/api/complaints?size=200").body()).contains(billingCase);
        assertThat(as("billing").get("/engine-rest/task?processInstanceBusinessKey=" + billingCase).body())
                .contains(billingTask.getId());
        assertThat(as("center").get("/api/complaints/" + billingCase).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyProcessOwnersAndAdminsDeployAndOnlyManagersAndOwnersOpenCockpit() {
        long deployments = jdbc.sql("select count(*) from act_re_deployment").query(Long.class).single();
        String model = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
                + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\"><process id=\"intruder\" "
                + "isExecutable=\"true\" camunda:historyTimeToLive=\"1\"><startEvent id=\"s\"/></process></definitions>";
        assertThat(as("quality").upload("/engine-rest/deployment/create", "intruder.bpmn", model).statusCode())
                .isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from act_re_deployment").query(Long.class).single()).isEqualTo(deployments);
        assertThat(authorized("quality", Resources.DEPLOYMENT, "*", Permissions.CREATE)).isFalse();
        assertThat(authorized("owner", Resources.DEPLOYMENT, "*", Permissions.CREATE)).isFalse();
        assertThat(authorized("demo", Resources.DEPLOYMENT, "*", Permissions.CREATE)).isTrue();
        assertThat(authorized("manager", Resources.APPLICATION, "cockpit", Permissions.ACCESS)).isTrue();
        assertThat(authorized("owner", Resources.APPLICATION, "cockpit", Permissions.ACCESS)).isTrue();
        assertThat(authorized("quality", Resources.APPLICATION, "cockpit", Permissions.ACCESS)).isFalse();
        assertThat(authorized("center", Resources.APPLICATION, "cockpit", Permissions.ACCESS)).isFalse();
        assertThat(authorized("quality", Resources.APPLICATION, "tasklist", Permissions.ACCESS)).isTrue();
        assertThat(authorized("intake-bot", Resources.APPLICATION, "tasklist", Permissions.ACCESS)).isFalse();
        assertThat(authorized("quality", Resources.APPLICATION, "admin", Permissions.ACCESS)).isFalse();
    }

    /** A handler logged into Tasklist who opens Cockpit (a link, a bookmark) gets a page in Chinese, not Spring's. */
    @Test
    void aHandlerWhoOpensCockpitIsToldInChineseWhereToWork() {
        HttpSession quality = new HttpSession(port);
        assertThat(quality.webappLogin("quality", "demo").statusCode()).isEqualTo(200);

        HttpResponse<String> cockpit = quality.page("/camunda/app/cockpit/default/");

        assertThat(cockpit.statusCode()).isEqualTo(403);
        assertThat(cockpit.body()).contains("您的账号无权打开此页面", "/camunda/app/tasklist/default/")
                .doesNotContain("Whitelabel");
    }

    @Test
    void policyIsAppliedIdempotentlyAtEveryStart() {
        long before = authorizations.createAuthorizationQuery().count();
        new AuthorizationSetup(authorizations).run(null);
        assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(before);
    }

    @Test
    void aStartPutsBackWhatThePolicyGrantsTakesBackItsRevocationsAndKeepsWhatAnAdministratorAdded() {
        String quality = Groups.department("quality");
        authorizations.deleteAuthorization(grant(quality, Resources.APPLICATION, "tasklist").getId());
        org.camunda.bpm.engine.authorization.Authorization definitions = grant(quality, Resources.PROCESS_DEFINITION, "*");
        definitions.removePermission(Permissions.READ);
        definitions.addPermission(Permissions.DELETE); // an administrator's own addition
        authorizations.saveAuthorization(definitions);
        org.camunda.bpm.engine.authorization.Authorization deployments =
                grant(Groups.PROCESS_OWNERS, Resources.DEPLOYMENT, "*");
        deployments.addPermission(Permissions.CREATE); // the policy revokes this one
        authorizations.saveAuthorization(deployments);

        new AuthorizationSetup(authorizations).run(null);

        assertThat(grant(quality, Resources.APPLICATION, "tasklist").isPermissionGranted(Permissions.ACCESS)).isTrue();
        definitions = grant(quality, Resources.PROCESS_DEFINITION, "*");
        assertThat(definitions.isPermissionGranted(Permissions.READ)).isTrue();
        assertThat(definitions.isPermissionGranted(Permissions.DELETE)).isTrue();
        assertThat(grant(Groups.PROCESS_OWNERS, Resources.DEPLOYMENT, "*").isPermissionGranted(Permissions.CREATE))
                .isFalse();
        definitions.removePermission(Permissions.DELETE);
        authorizations.saveAuthorization(definitions);
    }

    @Test
    void aStartReadsTheGrantsOnWhatThePolicyNamesNotTheOneEachOpenTaskCarries() {
        org.camunda.bpm.engine.authorization.Authorization taskGrant = authorizations.createNewAuthorization(
                org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
        taskGrant.setGroupId(Groups.department("quality"));
        taskGrant.setResource(Resources.TASK);
        taskGrant.setResourceId("a-task-of-this-test");
        taskGrant.addPermission(Permissions.READ);
        taskGrant = authorizations.saveAuthorization(taskGrant);
        try {
            List<org.camunda.bpm.engine.authorization.Authorization> read = new AuthorizationSetup(authorizations)
                    .existingFor(AuthorizationPolicy.grants(), AuthorizationPolicy.revocations());
            assertThat(read).extracting(org.camunda.bpm.engine.authorization.Authorization::getResourceId)
                    .contains("*", "tasklist", "crisis-response").doesNotContain("a-task-of-this-test");
        } finally {
            authorizations.deleteAuthorization(taskGrant.getId());
        }
    }

    private org.camunda.bpm.engine.authorization.Authorization grant(String group,
            org.camunda.bpm.engine.authorization.Resource resource, String resourceId) {
        List<org.camunda.bpm.engine.authorization.Authorization> found = authorizations.createAuthorizationQuery()
                .authorizationType(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).list();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void theCockpitDashboardReadsTheApiWithTheWebappLoginAndWritesNeedTheCsrfToken() {
        HttpSession browser = anonymous();
        assertThat(browser.webappLogin("owner", "demo").statusCode()).isEqualTo(200);
        assertThat(browser.get("/api/reports/summary").statusCode()).isEqualTo(200);
        assertThat(browser.post("/api/models/redeploy", Map.of()).statusCode()).isEqualTo(403);
        browser.get("/camunda/api/engine/engine/"); // as the webapp's next call does: hands out the session's token
        String token = browser.cookie("XSRF-TOKEN");
        assertThat(token).isNotBlank();
        assertThat(browser.post("/api/models/redeploy", Map.of("X-XSRF-TOKEN", token)).statusCode()).isEqualTo(200);

        HttpSession handler = anonymous();
        assertThat(handler.webappLogin("quality", "demo").statusCode()).isEqualTo(200);
        assertThat(handler.get("/api/reports/summary").statusCode()).isEqualTo(403);
    }

    @Test
    void prodRefusesToStartWhileDemoUsersOrDefaultPasswordsExist() {
        ProductionGuard guard = new ProductionGuard(new AdminProperties("", ""));
        List<String> problems = guard.problems(identity);
        assertThat(problems).contains("demo user 'agent' exists", "user 'quality' has a default password");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> guard.postProcessEngineBuild(engine))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("demo user");
    }

    @Test
    void applicationPagesCarrySecurityHeaders() {
        HttpResponse<String> page = anonymous().get("/");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'", "object-src 'none'"));
        HttpResponse<String> api = as("center").get("/api/complaints?size=1");
        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(api.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    private boolean authorized(String user, org.camunda.bpm.engine.authorization.Resource resource, String id,
                               org.camunda.bpm.engine.authorization.Permission permission) {
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList();
        return authorizations.isUserAuthorized(user, groups, permission, resource, id);
    }

    private static String hotline(String description) {
        return "{\"channel\":\"hotline\",\"customer\":{\"name\":\"安全测试\",\"phone\":\"" + TestScenarios.uniquePhone()
                + "\"},\"category\":\"billing\",\"description\":\"" + description + "\"}";
    }
}
