package io.complaintflow.security;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.ALL;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.DELETE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ_TASK;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.GROUP;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;
import static org.camunda.bpm.engine.authorization.Resources.USER;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;

/**
 * Who may do what inside the engine, in one place: group → resource (id or {@code *}) → permissions.
 * {@link AuthorizationSetup} applies it at every start. Tasks need no grant here: the engine gives a task's
 * candidate group read and work rights on that task when it is created, so each department sees only its own.
 */
public final class AuthorizationPolicy {

    public record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {
        Grant(String group, Resource resource, String resourceId, Permission... permissions) {
            this(group, resource, resourceId, List.of(permissions));
        }
    }

    private AuthorizationPolicy() {
    }

    /**
     * Everyone who works tasks (every group but intake accounts, privacy officers — who work through
     * {@code /api/privacy} — and admins): Tasklist, filters, names, models.
     */
    static List<String> staff() {
        return Groups.all().keySet().stream()
                .filter(g -> !g.equals(Groups.INTAKE) && !g.equals(Groups.PRIVACY_OFFICERS) && !g.equals(Groups.ADMIN))
                .toList();
    }

    /** Who watches everything (Cockpit): read, never change. */
    static List<String> supervisors() {
        return List.of(Groups.COMPLAINT_MANAGERS, Groups.PROCESS_OWNERS);
    }

    /** Which processes a group may start from Tasklist (start forms), by process key. */
    static List<Grant> starters() {
        List<Grant> grants = new ArrayList<>();
        for (String g : List.of(Groups.COMPLAINT_MANAGERS, Groups.EMERGENCY_GROUP, Groups.EMERGENCY_SENIOR)) {
            grants.add(new Grant(g, PROCESS_DEFINITION, "crisis-response", CREATE_INSTANCE));
            grants.add(new Grant(g, PROCESS_DEFINITION, "surge-response", CREATE_INSTANCE));
        }
        grants.add(new Grant(Groups.COMPLAINT_CENTER_LEAD, PROCESS_DEFINITION, "surge-response", CREATE_INSTANCE));
        for (String g : List.of(Groups.PROCESS_OWNERS, Groups.COMPLAINT_MANAGERS)) {
            grants.add(new Grant(g, PROCESS_DEFINITION, "campaign-315", CREATE_INSTANCE));
            grants.add(new Grant(g, PROCESS_DEFINITION, "pdca-review", CREATE_INSTANCE));
        }
        for (String g : staff()) {
            grants.add(new Grant(g, PROCESS_DEFINITION, "internal-forwarding", CREATE_INSTANCE));
            grants.add(new Grant(g, PROCESS_INSTANCE, "*", CREATE));
        }
        return grants;
    }

    /**
     * Permissions earlier versions granted and this one takes back (removed at every start, unlike an
     * administrator's own additions). Deploying through {@code /engine-rest} is for administrators: process owners
     * publish through the folder, so what runs is what is in processes/.
     */
    public static List<Grant> revocations() {
        return List.of(new Grant(Groups.PROCESS_OWNERS, DEPLOYMENT, "*", CREATE, DELETE));
    }

    public static List<Grant> grants() {
        List<Grant> grants = new ArrayList<>();
        for (String g : staff()) {
            grants.add(new Grant(g, APPLICATION, "tasklist", ACCESS));
            grants.add(new Grant(g, FILTER, "*", READ));
            grants.add(new Grant(g, USER, "*", READ));
            grants.add(new Grant(g, GROUP, "*", READ));
            grants.add(new Grant(g, PROCESS_DEFINITION, "*", READ));
        }
        for (String g : Groups.READ_ALL) {
            grants.add(new Grant(g, TASK, "*", READ));
            grants.add(new Grant(g, PROCESS_DEFINITION, "*", READ, READ_TASK));
        }
        for (String g : supervisors()) {
            grants.add(new Grant(g, APPLICATION, "cockpit", ACCESS));
            grants.add(new Grant(g, PROCESS_DEFINITION, "*", READ, READ_TASK, READ_INSTANCE, READ_HISTORY));
            grants.add(new Grant(g, PROCESS_INSTANCE, "*", READ));
            grants.add(new Grant(g, DECISION_DEFINITION, "*", READ, READ_HISTORY));
            grants.add(new Grant(g, DECISION_REQUIREMENTS_DEFINITION, "*", READ));
            grants.add(new Grant(g, DEPLOYMENT, "*", READ));
        }
        // process owners revise the models — they publish them through the processes/ folder and
        // POST /api/models/redeploy, not /engine-rest (see revocations()) — and repair what a new version broke
        grants.add(new Grant(Groups.PROCESS_OWNERS, PROCESS_DEFINITION, "*", ALL));
        grants.add(new Grant(Groups.PROCESS_OWNERS, PROCESS_INSTANCE, "*", ALL));
        grants.add(new Grant(Groups.PROCESS_OWNERS, DECISION_DEFINITION, "*", ALL));
        grants.addAll(starters());
        Stream.of(Resources.values())
                .forEach(r -> grants.add(new Grant(Groups.ADMIN, r, "*", ALL)));
        return grants;
    }
}
