package io.complaintflow.security;

import io.complaintflow.engine.EngineSessions;
import io.complaintflow.engine.NothingStoredYet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * The engine's authorization checks without their table scan. Before every checked query or permission check, in
 * every command, Camunda's {@link AuthorizationManager} reads {@code SELECT DISTINCT GROUP_ID_ FROM
 * ACT_RU_AUTHORIZATION} — every grant there is, one per waiting task and candidate group — only to drop the
 * caller's groups that hold no grant from the {@code GROUP_ID_ IN (…)} list of the check. That shortening matters
 * for callers with hundreds of directory groups; ours have one to three, and a group without a grant matches no
 * row in the check anyway, so the check with every group of the caller finds exactly the same grants. 13 of these
 * scans ran per closed complaint (bench/README.md, "closed complaint: grants and deadline reads"), each reading the
 * whole table, which grows with the tasks waiting.
 *
 * <p>Every authorization the engine writes passes this manager, so it is also where REVOKE authorizations are
 * refused ({@link RevokeAuthorizations}).
 *
 * <p>A task's grant for a candidate group or user is looked up before the engine creates it (to add a permission to
 * a grant that exists). For a task this command has only just created there is no stored grant to find: the lookup
 * answers none without the query (one statement of the intake's job, one per task a handler's step creates).
 */
@Component
public class AuthorizationQueries extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineSessions.replace(configuration, AuthorizationManager.class, CallerGroups::new);
    }

    /** Checks with all of the caller's groups: no query for the groups that hold some grant. Refuses revokes. */
    static final class CallerGroups extends AuthorizationManager {

        /**
         * Checks this command found granted (the manager lives for one command): a submission's task-work check runs
         * twice, in the form guard before the form is looked at and in the engine's command, on the same grants —
         * this command's own grant changes reach the table only when it ends.
         */
        private final Set<List<Object>> granted = new HashSet<>();

        @Override
        public void insert(DbEntity authorization) {
            RevokeAuthorizations.refuse(authorization);
            super.insert(authorization);
        }

        @Override
        public void update(AuthorizationEntity authorization) {
            RevokeAuthorizations.refuse(authorization);
            super.update(authorization);
        }

        /**
         * A command's permission check (claim, submit, …) as one plain statement: the engine builds its
         * {@code isUserAuthorizedForResource} through MyBatis' dynamic SQL, a CASE per atomic check with revoke
         * branches, whose building (OGNL over ≈ 100 nodes) cost more CPU than the query (bench/README.md). Only the
         * shape {@link GrantCheck} reproduces exactly is answered here; every other one, and any check while revokes
         * are checked, goes to the engine's statement.
         */
        @Override
        public boolean isAuthorized(String userId, List<String> groupIds, CompositePermissionCheck check) {
            if (userId == null || !GrantCheck.fits(check) || isRevokeAuthCheckEnabled(userId, groupIds)) {
                return super.isAuthorized(userId, groupIds, check);
            }
            for (PermissionCheck atomic : check.getAtomicChecks()) {
                if (!isResourceValidForPermission(atomic)) {
                    throw LOG.invalidResourceForPermission(atomic.getResource().resourceName(),
                            atomic.getPermission().getName());
                }
            }
            List<String> groups = filterAuthenticatedGroupIds(groupIds);
            List<Object> key = GrantCheck.key(userId, groups, check);
            if (granted.contains(key)) {
                return true;
            }
            ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
            String prefix = configuration.getDatabaseTablePrefix() == null ? ""
                    : configuration.getDatabaseTablePrefix();
            boolean answer = GrantCheck.granted(Context.getCommandContext().getDbSqlSession().getSqlSession()
                    .getConnection(), prefix, userId, groups, check);
            if (answer) {
                granted.add(key);
            }
            return answer;
        }

        @Override
        public AuthorizationEntity findAuthorizationByGroupIdAndResourceId(int type, String groupId,
                Resource resource, String resourceId) {
            return isNewTask(resource, resourceId) ? null
                    : super.findAuthorizationByGroupIdAndResourceId(type, groupId, resource, resourceId);
        }

        @Override
        public AuthorizationEntity findAuthorizationByUserIdAndResourceId(int type, String userId,
                Resource resource, String resourceId) {
            return isNewTask(resource, resourceId) ? null
                    : super.findAuthorizationByUserIdAndResourceId(type, userId, resource, resourceId);
        }

        private static boolean isNewTask(Resource resource, String resourceId) {
            return resource != null && resource.resourceType() == Resources.TASK.resourceType()
                    && NothingStoredYet.createdInThisCommand(TaskEntity.class, resourceId);
        }

        @Override
        public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
            if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
                return List.of();
            }
            return new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
        }
    }
}
