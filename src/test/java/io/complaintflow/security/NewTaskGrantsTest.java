package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The grant the engine looks up before granting a task to its candidates is not read for a task the same command has
 * just created (no stored row can name it); for any other task it is.
 */
@ComplaintFlowTest
class NewTaskGrantsTest {

    @Autowired AuthorizationService authorizations;
    @Autowired ProcessEngine engine;

    @Test
    void aTaskCreatedInThisCommandHasNoStoredGrantToReadAnOlderTaskHas() {
        String taskId = "task-of-new-task-grants-test";
        Authorization stored = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        stored.setGroupId(Groups.department("quality"));
        stored.setResource(Resources.TASK);
        stored.setResourceId(taskId);
        stored.addPermission(Permissions.READ);
        stored = authorizations.saveAuthorization(stored);
        try {
            List<AuthorizationEntity> found = new ArrayList<>();
            ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                    .execute(context -> {
                        AuthorizationManager grants = context.getAuthorizationManager();
                        found.add(grants.findAuthorizationByGroupIdAndResourceId(Authorization.AUTH_TYPE_GRANT,
                                Groups.department("quality"), Resources.TASK, taskId));
                        TaskEntity created = new TaskEntity();
                        created.setId(taskId);
                        context.getDbEntityManager().insert(created);
                        found.add(grants.findAuthorizationByGroupIdAndResourceId(Authorization.AUTH_TYPE_GRANT,
                                Groups.department("quality"), Resources.TASK, taskId));
                        found.add(grants.findAuthorizationByUserIdAndResourceId(Authorization.AUTH_TYPE_GRANT,
                                "demo", Resources.TASK, taskId));
                        context.getDbEntityManager().getDbEntityCache().remove(created); // nothing of it stored
                        return null;
                    });
            assertThat(found.get(0)).as("a task the database holds: its grant is read").isNotNull()
                    .extracting(AuthorizationEntity::getId).isEqualTo(stored.getId());
            assertThat(found.get(1)).as("a task this command created: not read").isNull();
            assertThat(found.get(2)).isNull();
        } finally {
            authorizations.deleteAuthorization(stored.getId());
        }
    }
}
