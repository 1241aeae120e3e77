package io.complaintflow.security;

import io.complaintflow.engine.StartupOrder;
import io.complaintflow.security.AuthorizationPolicy.Grant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
        Existing existing = new Existing(existingFor(AuthorizationPolicy.grants(), AuthorizationPolicy.revocations()));
        AuthorizationPolicy.grants().forEach(grant -> apply(grant, existing));
        AuthorizationPolicy.revocations().forEach(revoked -> revoke(revoked, existing));
    }

    /**
     * The stored grants on the resource ids the policy names ("*" and a few process keys and applications): one query
     * per id, never the grants each open task carries (one per task, thousands in a busy database).
     */
    List<Authorization> existingFor(List<Grant> grants, List<Grant> revocations) {
        List<Authorization> found = new ArrayList<>();
        Stream.concat(grants.stream(), revocations.stream()).map(Grant::resourceId).distinct()
                .forEach(id -> found.addAll(authorizations.createAuthorizationQuery()
                        .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceId(id).list()));
        return found;
    }

    /**
     * The grants already in the database, read in a few queries: a start compares the policy with them and writes only
     * what differs (one query per grant was 4 % of a restart's main thread, bench/README.md).
     */
    static final class Existing {
        private final Map<String, List<Authorization>> byKey = new HashMap<>();

        Existing(List<Authorization> grants) {
            grants.forEach(this::add);
        }

        List<Authorization> of(Grant grant) {
            return byKey.getOrDefault(key(grant.group(), grant.resource().resourceType(), grant.resourceId()),
                    List.of());
        }

        void add(Authorization a) {
            if (a.getGroupId() != null) {
                byKey.computeIfAbsent(key(a.getGroupId(), a.getResourceType(), a.getResourceId()),
                        k -> new ArrayList<>()).add(a);
            }
        }

        private static String key(String group, int resourceType, String resourceId) {
            return group + '\u0000' + resourceType + '\u0000' + resourceId;
        }
    }

    void revoke(Grant revoked, Existing existing) {
        for (Authorization authorization : existing.of(revoked)) {
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

    void apply(Grant grant, Existing existing) {
        List<Authorization> found = existing.of(grant);
        Authorization authorization;
        if (found.isEmpty()) {
            authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(grant.group());
            authorization.setResource(grant.resource());
            authorization.setResourceId(grant.resourceId());
        } else {
            authorization = found.get(0);
        }
        boolean changed = found.isEmpty();
        for (Permission permission : grant.permissions()) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            Authorization saved = authorizations.saveAuthorization(authorization);
            if (found.isEmpty()) {
                existing.add(saved); // a later grant of the same group and resource adds to this one
            }
        }
    }
}
