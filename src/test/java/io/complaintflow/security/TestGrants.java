package io.complaintflow.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;

/** The grants a test stores for its own identities, revoked again by {@link #revokeAll()}. */
final class TestGrants {

    private final AuthorizationService authorizations;
    private final List<String> created = new ArrayList<>();

    TestGrants(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    /** Stores a grant (or global / revoke, by {@code type}) of {@code permissions} on one resource id. */
    void grant(int type, String user, String group, Resource resource, String id, Permission... permissions) {
        Authorization a = authorizations.createNewAuthorization(type);
        if (user != null) {
            a.setUserId(user);
        }
        if (group != null) {
            a.setGroupId(group);
        }
        a.setResource(resource);
        a.setResourceId(id);
        for (Permission p : permissions) {
            a.addPermission(p);
        }
        created.add(authorizations.saveAuthorization(a).getId());
    }

    void revokeAll() {
        created.forEach(authorizations::deleteAuthorization);
        created.clear();
    }
}
