package io.complaintflow.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;

/**
 * The answer of the engine's {@code isUserAuthorizedForResource} (Authorization.xml) for a check without revokes, read
 * as the grants that could match and decided here. Per atomic check the engine's CASE finds a row of the resource's
 * type on its id or {@code *} whose permissions hold all of the checked ones: a GRANT of the user, a GRANT of one of
 * the groups, or a GLOBAL one ({@code USER_ID_ = '*'}) — 1 — else the check's "not found" value (null unless set).
 * Several atomic checks, disjunctive, are {@code COALESCE(first, COALESCE(second, …, 0))}: the first non-null.
 */
final class GrantCheck {

    private GrantCheck() {
    }

    /** A disjunctive (or single) list of atomic checks on resource ids, no nested composites: what commands ask. */
    static boolean fits(CompositePermissionCheck check) {
        List<PermissionCheck> atomics = check.getAtomicChecks();
        if (atomics == null || atomics.isEmpty() || (atomics.size() > 1 && !check.isDisjunctive())
                || (check.getCompositeChecks() != null && !check.getCompositeChecks().isEmpty())) {
            return false;
        }
        for (PermissionCheck atomic : atomics) {
            if (atomic.getResourceIdQueryParam() != null || atomic.getResource() == null
                    || atomic.getPermission() == null) {
                return false;
            }
        }
        return true;
    }

    /** What a check's answer depends on: who asks, and each atomic check's resource, id, permissions, "not found". */
    static List<Object> key(String userId, List<String> groupIds, CompositePermissionCheck check) {
        List<Object> key = new ArrayList<>();
        key.add(userId);
        key.add(new ArrayList<>(groupIds));
        for (PermissionCheck atomic : check.getAtomicChecks()) {
            key.add(atomic.getResourceType());
            key.add(atomic.getResourceId());
            key.add(atomic.getPerms());
            key.add(atomic.getAuthorizationNotFoundReturnValue());
        }
        return key;
    }

    private record Grant(int type, String userId, String groupId, int resourceType, String resourceId, int perms) {
    }

    static boolean granted(Connection connection, String prefix, String userId, List<String> groupIds,
                           CompositePermissionCheck check) {
        List<Grant> grants = read(connection, prefix, userId, groupIds, check.getAtomicChecks());
        for (PermissionCheck atomic : check.getAtomicChecks()) {
            Long value = found(atomic, grants, userId, groupIds) ? Long.valueOf(1)
                    : atomic.getAuthorizationNotFoundReturnValue();
            if (value != null) {
                return value == 1; // the engine's selectBoolean: the row's value is 1
            }
        }
        return false; // COALESCE(…, 0), or a single check's null
    }

    private static boolean found(PermissionCheck atomic, List<Grant> grants, String userId, List<String> groupIds) {
        String id = atomic.getResourceId();
        int perms = atomic.getPerms();
        for (Grant grant : grants) {
            boolean onResource = grant.resourceType() == atomic.getResourceType()
                    && ("*".equals(grant.resourceId()) || (id != null && id.equals(grant.resourceId())));
            boolean whose = grant.type() == Authorization.AUTH_TYPE_GRANT
                    ? userId.equals(grant.userId()) || (grant.groupId() != null && groupIds.contains(grant.groupId()))
                    : grant.type() == Authorization.AUTH_TYPE_GLOBAL && "*".equals(grant.userId());
            if (onResource && whose && (grant.perms() & perms) == perms) {
                return true;
            }
        }
        return false;
    }

    /** The user's, the groups' and the global grants on the checked resource types and ids (and {@code *}). */
    private static List<Grant> read(Connection connection, String prefix, String userId, List<String> groupIds,
                                    List<PermissionCheck> atomics) {
        Set<Integer> types = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        ids.add("*");
        for (PermissionCheck atomic : atomics) {
            types.add(atomic.getResourceType());
            if (atomic.getResourceId() != null) {
                ids.add(atomic.getResourceId());
            }
        }
        String sql = "select TYPE_, USER_ID_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_ from " + prefix
                + "ACT_RU_AUTHORIZATION where TYPE_ in (" + Authorization.AUTH_TYPE_GLOBAL + ", "
                + Authorization.AUTH_TYPE_GRANT + ") and RESOURCE_TYPE_ in (" + marks(types.size())
                + ") and RESOURCE_ID_ in (" + marks(ids.size()) + ") and (USER_ID_ in (?, '*')"
                + (groupIds.isEmpty() ? "" : " or GROUP_ID_ in (" + marks(groupIds.size()) + ")") + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            for (Integer type : types) {
                statement.setInt(i++, type);
            }
            for (String id : ids) {
                statement.setString(i++, id);
            }
            statement.setString(i++, userId);
            for (String group : groupIds) {
                statement.setString(i++, group);
            }
            List<Grant> grants = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int perms = rows.getInt(6);
                    if (!rows.wasNull()) {
                        grants.add(new Grant(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getInt(4),
                                rows.getString(5), perms));
                    }
                }
            }
            return grants;
        } catch (SQLException e) {
            throw new ProcessEngineException("could not read the grants for a permission check", e);
        }
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
