package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine does not look for REVOKE authorizations ({@code authorizationCheckRevokes: never}, 13 statements per
 * closed complaint less), which is exact only while none exists: no one — administrators included, through
 * {@code /engine-rest}, Camunda Admin or Java — may create one or turn a grant into one, and each attempt changes
 * nothing. A database that already holds one (an older version, SQL) makes the start check revokes again.
 */
@ComplaintFlowTest
class RevokeAuthorizationsTest {

    @LocalServerPort int port;
    @Autowired AuthorizationService authorizations;
    @Autowired IdentityService identity;
    @Autowired RepositoryService repository;
    @Autowired ProcessEngine engine;
    @Autowired RevokeAuthorizations revokeCheck;
    @Autowired JdbcClient jdbc;

    private static final String REVOKE_READ_OF_ONE_DEFINITION = "{\"type\":2,\"permissions\":[\"READ\"],"
            + "\"groupId\":\"dept-quality\",\"resourceType\":6,\"resourceId\":\"complaint-handling\"}";

    /** A refused attempt leaves nothing behind, and a failing test none for the next (they share one engine). */
    @AfterEach
    void noRevokeLeft() {
        jdbc.sql("delete from ACT_RU_AUTHORIZATION where TYPE_ = 2").update();
        revokeCheck.decide();
    }

    private long revokes() {
        return authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_REVOKE).count();
    }

    @Test
    void anAdministratorCannotCreateARevokeThroughEngineRestAndNothingChanges() {
        long all = authorizations.createAuthorizationQuery().count();
        HttpSession admin = new HttpSession(port).basic("demo", DemoUsers.PASSWORD);

        HttpResponse<String> refused = admin.postJson("/engine-rest/authorization/create", REVOKE_READ_OF_ONE_DEFINITION);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("type").contains("REVOKE");
        assertThat(revokes()).isZero();
        assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(all);
        // a grant is still what an administrator may create
        HttpResponse<String> grant = admin.postJson("/engine-rest/authorization/create", REVOKE_READ_OF_ONE_DEFINITION
                .replace("\"type\":2", "\"type\":1"));
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        authorizations.deleteAuthorization(authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn("dept-quality")
                .resourceType(Resources.PROCESS_DEFINITION).resourceId("complaint-handling").singleResult().getId());
    }

    @Test
    void anAdministratorCannotCreateARevokeInCamundaAdmin() {
        long all = authorizations.createAuthorizationQuery().count();
        HttpSession admin = new HttpSession(port);
        assertThat(admin.webappLoginTo("admin", "demo", DemoUsers.PASSWORD).statusCode()).isEqualTo(200);
        admin.get("/camunda/api/engine/engine/"); // the session's XSRF token, as Admin's next call gets it

        HttpResponse<String> refused = admin.json("POST", "/camunda/api/engine/engine/default/authorization/create",
                REVOKE_READ_OF_ONE_DEFINITION, Map.of("X-XSRF-TOKEN", admin.cookie("XSRF-TOKEN")));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("type");
        assertThat(revokes()).isZero();
        assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(all);
    }

    @Test
    void theJavaApiRefusesARevokeAndAGrantTurnedIntoOneAlsoForAnAdministratorAndInsideACommand() {
        Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setGroupId("dept-quality");
        revoke.setResource(Resources.PROCESS_DEFINITION);
        revoke.setResourceId("complaint-handling");
        revoke.removePermission(Permissions.READ);
        assertThatThrownBy(() -> authorizations.saveAuthorization(revoke))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("type");

        identity.setAuthentication("demo", List.of(Groups.ADMIN));
        try {
            assertThatThrownBy(() -> authorizations.saveAuthorization(revoke))
                    .isInstanceOf(BadUserRequestException.class);
        } finally {
            identity.clearAuthentication();
        }

        // issued inside another command (as a listener or delegate would): the same refusal
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired()
                .execute(context -> authorizations.saveAuthorization(revoke)))
                .isInstanceOf(BadUserRequestException.class);

        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId("dept-quality");
        grant.setResource(Resources.PROCESS_DEFINITION);
        grant.setResourceId("complaint-handling");
        grant.addPermission(Permissions.READ);
        Authorization saved = authorizations.saveAuthorization(grant);
        try {
            AuthorizationEntity turned = (AuthorizationEntity) authorizations.createAuthorizationQuery()
                    .authorizationId(saved.getId()).singleResult();
            turned.setAuthorizationType(Authorization.AUTH_TYPE_REVOKE);
            assertThatThrownBy(() -> authorizations.saveAuthorization(turned))
                    .isInstanceOf(BadUserRequestException.class);
            assertThat(authorizations.createAuthorizationQuery().authorizationId(saved.getId()).singleResult()
                    .getAuthorizationType()).isEqualTo(Authorization.AUTH_TYPE_GRANT);
        } finally {
            authorizations.deleteAuthorization(saved.getId());
        }
        assertThat(revokes()).isZero();
    }

    @Test
    void aDatabaseHoldingARevokeStartsCheckingRevokesAndTheRevokeIsHonoured() {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getAuthorizationCheckRevokes()).isEqualTo("never");
        assertThat(revokeCheck.health().getDetails()).containsEntry("checkRevokes", "never");
        assertThat(definitionsQualitySees()).as("complaint-handling, by the staff's grant").isPositive();

        // as an older version or SQL left it: quality may no longer read complaint-handling
        AuthorizationEntity revoke = new AuthorizationEntity(Authorization.AUTH_TYPE_REVOKE);
        revoke.removePermission(Permissions.READ);
        jdbc.sql("insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_)"
                        + " values ('revoke-from-before', 1, 2, 'quality', ?, 'complaint-handling', ?)")
                .param(Resources.PROCESS_DEFINITION.resourceType()).param(revoke.getPermissions()).update();
        assertThat(definitionsQualitySees()).as("'never' would not see it: why the start must look").isPositive();

        // what every start runs once the engine is built
        assertThat(revokeCheck.decide()).isEqualTo(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_AUTO);
        assertThat(definitionsQualitySees()).as("the revoke honoured").isZero();
        var health = revokeCheck.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("checkRevokes", "auto").containsEntry("configured", "never")
                .containsEntry("revokeAuthorizationsAtStart", 1L).containsKey("action");

        // deleting it is allowed, and the next start goes back to 'never'
        authorizations.deleteAuthorization("revoke-from-before");
        assertThat(revokeCheck.decide()).isEqualTo(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER);
        assertThat(definitionsQualitySees()).isPositive();
    }

    private long definitionsQualitySees() {
        identity.setAuthentication("quality", List.of(Groups.department("quality")));
        try {
            return repository.createProcessDefinitionQuery().processDefinitionKey("complaint-handling").count();
        } finally {
            identity.clearAuthentication();
        }
    }
}
