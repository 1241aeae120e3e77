package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A command's permission check answered from the grants ({@link GrantCheck}) says what the engine's own statement
 * says, for users, groups and global grants, on a resource id or {@code *}, with some or all of the permissions, and
 * for the engine's "not found" values — case by case against {@code isUserAuthorizedForResource} in the same command.
 */
@ComplaintFlowTest
class GrantCheckTest {

    @Autowired ProcessEngine engine;
    @Autowired AuthorizationService authorizations;

    private TestGrants grants;

    @BeforeEach
    void grants() {
        grants = new TestGrants(authorizations);
        grants.grant(Authorization.AUTH_TYPE_GRANT, "gc-user", null, Resources.TASK, "gc-t1", TaskPermissions.TASK_WORK);
        grants.grant(Authorization.AUTH_TYPE_GRANT, null, "gc-group", Resources.TASK, "gc-t2", Permissions.READ,
                Permissions.UPDATE);
        grants.grant(Authorization.AUTH_TYPE_GLOBAL, null, null, Resources.TASK, "gc-t3", Permissions.READ,
                TaskPermissions.TASK_WORK);
        grants.grant(Authorization.AUTH_TYPE_GRANT, null, "gc-group", Resources.PROCESS_DEFINITION, "gc-def",
                ProcessDefinitionPermissions.TASK_WORK);
        grants.grant(Authorization.AUTH_TYPE_GRANT, "gc-star", null, Resources.TASK, "*", Permissions.UPDATE);
        grants.grant(Authorization.AUTH_TYPE_GRANT, null, "gc-group2", Resources.PROCESS_DEFINITION, "*",
                ProcessDefinitionPermissions.UPDATE_TASK);
        grants.grant(Authorization.AUTH_TYPE_GRANT, "gc-user", null, Resources.PROCESS_DEFINITION, "gc-def2",
                Permissions.READ);
    }

    @AfterEach
    void revokeGrants() {
        grants.revokeAll();
    }

    @Test
    void everyCheckAnswersAsTheEnginesStatement() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
                .getProcessEngineConfiguration();
        List<String> users = List.of("gc-user", "gc-star", "gc-nobody");
        List<List<String>> groups = List.of(List.of(), List.of("gc-group"), List.of("gc-group2", "gc-group"),
                List.of("gc-other"));
        List<String> tasks = Arrays.asList("gc-t1", "gc-t2", "gc-t3", "gc-t4", "*", null);
        List<String> definitions = Arrays.asList("gc-def", "gc-def2", "gc-none", "*");
        int[] answers = new int[2];
        configuration.getCommandExecutorTxRequired().execute(context -> {
            assertThat(context.getAuthorizationManager()).isInstanceOf(AuthorizationQueries.CallerGroups.class);
            for (String user : users) {
                for (List<String> groupIds : groups) {
                    for (String task : tasks) {
                        for (String definition : definitions) {
                            for (CompositePermissionCheck check : checks(task, definition)) {
                                boolean engines = context.getDbEntityManager().selectBoolean(
                                        "isUserAuthorizedForResource",
                                        new AuthorizationCheck(user, new ArrayList<>(groupIds), check, false));
                                boolean ours = context.getAuthorizationManager().isAuthorized(user, groupIds, check);
                                assertThat(ours).as("%s %s task %s definition %s %s", user, groupIds, task,
                                        definition, describe(check)).isEqualTo(engines);
                                answers[engines ? 1 : 0]++;
                            }
                        }
                    }
                }
            }
            return null;
        });
        assertThat(answers[1]).as("granted").isGreaterThan(50);
        assertThat(answers[0]).as("refused").isGreaterThan(50);
    }

    @Test
    void aGrantedCheckIsAnsweredOncePerCommandARefusedOneEachTime() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
                .getProcessEngineConfiguration();
        CompositePermissionCheck work = checks("gc-t1", "gc-none").get(0);
        CompositePermissionCheck read = disjunctive(atomic(Resources.TASK, "gc-t4", Permissions.READ, null));
        class RolledBack extends RuntimeException {
        }
        try {
            configuration.getCommandExecutorTxRequired().execute(context -> {
                var manager = context.getAuthorizationManager();
                var connection = context.getDbSqlSession().getSqlSession().getConnection();
                assertThat(manager.isAuthorized("gc-user", List.of(), work)).isTrue();
                assertThat(manager.isAuthorized("gc-user", List.of(), read)).isFalse();
                // the grants change under the command (as another transaction could): the granted check is not read
                // again, the refused one is
                try (var statement = connection.createStatement()) {
                    statement.executeUpdate("update ACT_RU_AUTHORIZATION set RESOURCE_ID_ = 'gc-t4', PERMS_ = 2 "
                            + "where USER_ID_ = 'gc-user' and RESOURCE_ID_ = 'gc-t1'");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                assertThat(context.getDbEntityManager().selectBoolean("isUserAuthorizedForResource",
                        new AuthorizationCheck("gc-user", new ArrayList<>(), work, false))).isFalse();
                assertThat(manager.isAuthorized("gc-user", List.of(), work)).as("remembered").isTrue();
                assertThat(manager.isAuthorized("gc-user", List.of(), read)).as("read again").isTrue();
                assertThat(manager.isAuthorized("gc-user", List.of("gc-group"), work)).as("other groups: read")
                        .isFalse();
                throw new RolledBack();
            });
        } catch (RolledBack expected) {
            // the grant is back as it was
        }
        configuration.getCommandExecutorTxRequired().execute(context -> {
            assertThat(context.getAuthorizationManager().isAuthorized("gc-user", List.of(), work))
                    .as("a new command reads the grants").isTrue();
            return null;
        });
    }

    /** The engine's task-work check (claim, submit), single checks, and a "not found" value that ends the chain. */
    private static List<CompositePermissionCheck> checks(String task, String definition) {
        List<CompositePermissionCheck> checks = new ArrayList<>();
        checks.add(disjunctive(atomic(Resources.TASK, task, TaskPermissions.TASK_WORK, null),
                atomic(Resources.TASK, task, Permissions.UPDATE, null),
                atomic(Resources.PROCESS_DEFINITION, definition, ProcessDefinitionPermissions.TASK_WORK, null),
                atomic(Resources.PROCESS_DEFINITION, definition, ProcessDefinitionPermissions.UPDATE_TASK, null)));
        checks.add(disjunctive(atomic(Resources.TASK, task, Permissions.READ, null)));
        checks.add(disjunctive(atomic(Resources.TASK, task, TaskPermissions.TASK_WORK, 1L)));
        checks.add(disjunctive(atomic(Resources.PROCESS_DEFINITION, definition, Permissions.READ, null)));
        checks.add(disjunctive(atomic(Resources.TASK, task, Permissions.UPDATE, 0L),
                atomic(Resources.PROCESS_DEFINITION, definition, ProcessDefinitionPermissions.TASK_WORK, null)));
        checks.add(disjunctive(atomic(Resources.TASK, task, Permissions.DELETE, null),
                atomic(Resources.PROCESS_DEFINITION, definition, ProcessDefinitionPermissions.TASK_WORK, 1L)));
        return checks;
    }

    private static PermissionCheck atomic(Resource resource, String id, Permission permission, Long notFound) {
        PermissionCheck check = new PermissionCheck();
        check.setResource(resource);
        check.setResourceId(id);
        check.setPermission(permission);
        check.setAuthorizationNotFoundReturnValue(notFound);
        return check;
    }

    private static CompositePermissionCheck disjunctive(PermissionCheck... atomics) {
        CompositePermissionCheck check = new CompositePermissionCheck(true);
        check.setAtomicChecks(List.of(atomics));
        return check;
    }

    private static String describe(CompositePermissionCheck check) {
        return check.getAtomicChecks().stream().map(a -> a.getPermission().getName() + "@" + a.getResource()
                .resourceName() + "/" + a.getResourceId() + "?" + a.getAuthorizationNotFoundReturnValue()).toList()
                .toString();
    }
}
