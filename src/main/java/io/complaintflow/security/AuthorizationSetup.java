package io.complaintflow.security;

import io.complaintflow.engine.StartupOrder;
import io.complaintflow.security.AuthorizationPolicy.Grant;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Applies {@link AuthorizationPolicy} at start-up: adds what is missing and takes back the policy's revocations;
 * never removes what an administrator added.
 */
@Component
@Order(StartupOrder.IDENTITY + 2)
public class AuthorizationSetup implements ApplicationRunner {

    private final AuthorizationService authorizations;

    public AuthorizationSetup(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        AuthorizationPolicy.grants().forEach(this::apply);
        AuthorizationPolicy.revocations().forEach(this::revoke);
    }

    void revoke(Grant revoked) {
        for (Authorization authorization : authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(revoked.group())
                .resourceType(revoked.resource()).resourceId(revoked.resourceId()).list()) {
            boolean changed = false;
            for (Permission permission : revoked.permissions()) {
                if (authorization.isPermissionGranted(permission)) {
                    authorization.removePermission(permission);
                    changed = true;
                }
            }
            if (changed) {
                authorizations.saveAuthorization(authorization);
            }
        }
    }

    void apply(Grant grant) {
        List<Authorization> existing = authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(grant.group()).resourceType(grant.resource()).resourceId(grant.resourceId()).list();
        Authorization authorization;
        if (existing.isEmpty()) {
            authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(grant.group());
            authorization.setResource(grant.resource());
            authorization.setResourceId(grant.resourceId());
        } else {
            authorization = existing.get(0);
        }
        boolean changed = existing.isEmpty();
        for (Permission permission : grant.permissions()) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(authorization);
        }
    }
}
