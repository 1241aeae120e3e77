package io.complaintflow.security;

import static io.complaintflow.security.Groups.ADMIN;
import static io.complaintflow.security.Groups.COMPLAINT_CENTER;
import static io.complaintflow.security.Groups.COMPLAINT_CENTER_LEAD;
import static io.complaintflow.security.Groups.COMPLAINT_MANAGERS;
import static io.complaintflow.security.Groups.EMERGENCY_GROUP;
import static io.complaintflow.security.Groups.EMERGENCY_SENIOR;
import static io.complaintflow.security.Groups.FRONTLINE;
import static io.complaintflow.security.Groups.INTAKE;
import static io.complaintflow.security.Groups.PRIVACY_OFFICERS;
import static io.complaintflow.security.Groups.PROCESS_OWNERS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who may do what, for every door ({@code /api}, {@code /engine-rest}, {@code /camunda}, {@code /public},
 * {@code /actuator}), written once. {@link SecurityConfiguration} builds the {@code /api} and actuator rules from
 * it (first matching rule wins); the engine's side is {@link AuthorizationPolicy} plus the command guards, and
 * the {@code /engine-rest} and {@code /camunda} rows here state what they amount to. docs/security.md shows
 * {@link #markdown()}, and AccessMatrixTest walks every row for every demo user over real HTTP.
 */
public final class AccessMatrix {

    public enum Door {
        API("/api"), ENGINE_REST("/engine-rest"), WEBAPPS("/camunda"), PUBLIC("/public"), ACTUATOR("/actuator");

        private final String prefix;

        Door(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** Who gets through: everyone (no login), every signed-in user, or members of these groups. */
    public record Who(boolean open, boolean signedIn, List<String> groups, String label) {

        public static Who everyone() {
            return new Who(true, true, List.of(), null);
        }

        public static Who anyUser() {
            return new Who(false, true, List.of(), null);
        }

        public static Who groups(String... groups) {
            return new Who(false, false, List.of(groups), null);
        }

        public static Who groups(List<String> groups) {
            return new Who(false, false, List.copyOf(groups), null);
        }

        public static Who nobody() {
            return new Who(false, false, List.of(), null);
        }

        /** The same groups, shown in the documentation under a name. */
        public Who as(String name) {
            return new Who(open, signedIn, groups, name);
        }

        /** {@code userGroups} null: not signed in. */
        public boolean allows(Collection<String> userGroups) {
            if (open) {
                return true;
            }
            if (userGroups == null) {
                return false;
            }
            return signedIn || userGroups.stream().anyMatch(groups::contains);
        }

        String describe() {
            if (label != null) {
                return label;
            }
            if (open) {
                return "everyone (no login)";
            }
            if (signedIn) {
                return "every signed-in user";
            }
            return groups.isEmpty() ? "nobody" : groups.stream().map(g -> "`" + g + "`").collect(Collectors.joining(", "));
        }
    }

    /**
     * One row. {@code method} null: every method. {@code patterns}: Spring path patterns. {@code probe}: a request
     * that touches nothing (an invalid body, an unknown id, a no-op) which the test sends as every user — allowed
     * means any answer but 401/403.
     */
    public record Rule(Door door, String method, List<String> patterns, Who who, String what, Probe probe) {
    }

    /**
     * {@code body} null: none; {@code multipart}: the body is a BPMN file uploaded as Modeler does;
     * {@code allowedStatus}: the answer an allowed user gets when it must be exact (0: any but 401/403) — then a
     * refused user may also get the engine's 404 (what it may not see does not exist for it).
     */
    public record Probe(String method, String path, String body, boolean multipart, int allowedStatus) {
        public static Probe of(String method, String path) {
            return new Probe(method, path, null, false, 0);
        }

        public static Probe json(String method, String path, String body) {
            return new Probe(method, path, body, false, 0);
        }

        public Probe expecting(int status) {
            return new Probe(method, path, body, multipart, status);
        }
    }

    private AccessMatrix() {
    }

    static final String STAFF = "every group but `intake` and `privacy-officers` (staff), `camunda-admin`";
    static final List<String> READ_ALL = Stream.concat(Groups.READ_ALL.stream(), Stream.of(ADMIN)).toList();
    static final List<String> FILERS = List.of(INTAKE, FRONTLINE, COMPLAINT_CENTER, COMPLAINT_CENTER_LEAD, ADMIN);
    static final List<String> COMMAND = List.of(COMPLAINT_MANAGERS, EMERGENCY_GROUP, EMERGENCY_SENIOR, ADMIN);
    static final List<String> PLANNERS = List.of(PROCESS_OWNERS, COMPLAINT_MANAGERS, ADMIN);

    /** The rules of {@code /api} and actuator, in the order Spring Security applies them (first match wins). */
    public static List<Rule> httpRules() {
        List<Rule> r = new ArrayList<>();
        r.add(rule(Door.ACTUATOR, null, List.of("/actuator/health", "/actuator/health/**", "/actuator/info"),
                Who.everyone(), "liveness and readiness for load balancers", Probe.of("GET", "/actuator/health")));
        r.add(rule(Door.ACTUATOR, null, List.of("/actuator/**"), Who.groups(ADMIN), "the rest of actuator",
                Probe.of("GET", "/actuator")));
        r.add(rule(Door.API, "POST", List.of("/api/complaints", "/api/complaints/import"), Who.groups(FILERS),
                "file complaints (API, CSV import)", Probe.json("POST", "/api/complaints", "{}")));
        r.add(rule(Door.API, "GET", List.of("/api/complaints", "/api/complaints/**"), Who.anyUser(),
                "read complaints — narrowed: a department reads what it was assigned or escalated, an agent what it "
                        + "filed; the center, its lead, managers, emergency groups and owners read all",
                Probe.of("GET", "/api/complaints?size=1")));
        r.add(rule(Door.API, null, List.of("/api/complaints/**"),
                Who.groups(COMPLAINT_CENTER, COMPLAINT_CENTER_LEAD, COMPLAINT_MANAGERS, ADMIN),
                "change complaints (merge, notes, …)", Probe.json("POST", "/api/complaints/CMP-00000000-000000/merge", "{}")));
        r.add(rule(Door.API, "POST", List.of("/api/assist/suggest"), Who.groups(FILERS),
                "text assistance for intake", Probe.json("POST", "/api/assist/suggest", "{}")));
        r.add(rule(Door.API, "GET", List.of("/api/assist/**"), Who.groups(READ_ALL), "assistance figures",
                Probe.of("GET", "/api/assist/acceptance")));
        r.add(rule(Door.API, null, List.of("/api/assist/**"), Who.groups(PROCESS_OWNERS, ADMIN),
                "retrain, sensitive words", Probe.json("PUT", "/api/assist/sensitive-words/x", "{}")));
        r.add(rule(Door.API, null, List.of("/api/reports/**", "/api/mass-incidents/**"), Who.groups(READ_ALL),
                "reports and mass incidents", Probe.of("GET", "/api/reports/summary")));
        r.add(rule(Door.API, null, List.of("/api/mailbox/**"),
                Who.groups(COMPLAINT_CENTER, COMPLAINT_CENTER_LEAD, COMPLAINT_MANAGERS, ADMIN),
                "mails that need a person (strangers' senders and texts included)", Probe.of("GET", "/api/mailbox/reviews")));
        r.add(rule(Door.API, "GET", List.of("/api/operations/**"), Who.groups(READ_ALL),
                "operational notices (the dashboard's banner)", Probe.of("GET", "/api/operations/notices")));
        r.add(rule(Door.API, null, List.of("/api/operations/**"), Who.groups(ADMIN), "mail actions (retry, …)",
                Probe.json("POST", "/api/operations/matrix-probe", "{}")));
        r.add(rule(Door.API, null, List.of("/api/models/**"), Who.groups(PROCESS_OWNERS, ADMIN),
                "publish processes/ (redeploy), migration report, model policy issues",
                Probe.of("GET", "/api/models/policy-issues")));
        r.add(rule(Door.API, "GET", List.of("/api/root-causes/**", "/api/answer-scripts/**"), Who.anyUser(),
                "root-cause taxonomy and answer scripts (every handler's reference)",
                Probe.of("GET", "/api/root-causes")));
        r.add(rule(Door.API, "GET", List.of("/api/surges/**", "/api/crises/**", "/api/campaigns/**", "/api/pdca/**",
                "/api/reviews/**"), Who.groups(READ_ALL), "read surges, crises, campaigns, PDCA reviews",
                Probe.of("GET", "/api/reviews")));
        r.add(rule(Door.API, null, List.of("/api/surges/**", "/api/crises/**"), Who.groups(COMMAND),
                "start and stand down surges and crises", Probe.json("POST", "/api/crises", "{}")));
        r.add(rule(Door.API, null, List.of("/api/campaigns/**", "/api/pdca/**", "/api/reviews/**",
                        "/api/root-causes/**", "/api/answer-scripts/**"), Who.groups(PLANNERS),
                "campaigns, PDCA reviews, root causes, answer scripts", Probe.json("POST", "/api/root-causes", "{}")));
        r.add(rule(Door.API, null, List.of("/api/privacy/**"), Who.groups(PRIVACY_OFFICERS),
                "personal data: access log, a customer's data export, erasure (administrators neither)",
                Probe.of("GET", "/api/privacy/access-log?caseNumber=CMP-00000000-000000")));
        r.add(rule(Door.API, null, List.of("/api/**"), Who.anyUser(), "anything else under /api", null));
        return r;
    }

    /** What the engine's authorizations ({@link AuthorizationPolicy}) and command guards amount to. */
    public static List<Rule> engineRules() {
        List<String> staff = AuthorizationPolicy.staff();
        List<String> staffAndAdmins = Stream.concat(staff.stream(), Stream.of(ADMIN)).toList();
        List<Rule> r = new ArrayList<>();
        r.add(rule(Door.ENGINE_REST, "GET", List.of("/engine-rest/task"), Who.anyUser(),
                "list tasks — each group sees only the tasks it is a candidate for", Probe.of("GET", "/engine-rest/task")));
        r.add(rule(Door.ENGINE_REST, "POST", List.of("/engine-rest/deployment/create"), Who.groups(ADMIN),
                "deploy models (process owners publish through processes/ and POST /api/models/redeploy); every "
                        + "deployment passes the model policy",
                new Probe("POST", "/engine-rest/deployment/create", "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/"
                        + "BPMN/20100524/MODEL\" targetNamespace=\"t\"><bpmn:process id=\"matrix-probe\" isExecutable="
                        + "\"true\"><bpmn:scriptTask id=\"Task_Script\"/></bpmn:process></bpmn:definitions>", true, 400)));
        r.add(rule(Door.ENGINE_REST, null, List.of("/engine-rest/job/**", "/engine-rest/job-definition/**"),
                Who.groups(ADMIN), "suspend, delete, re-date, re-prioritise, retry or run jobs (history cleanup too)",
                Probe.json("PUT", "/engine-rest/job/matrix-probe-no-such-job/retries", "{\"retries\":1}")));
        r.add(rule(Door.ENGINE_REST, null, List.of("/engine-rest/process-instance/*/variables/**",
                        "/engine-rest/execution/*/localVariables/**"), Who.groups(ADMIN),
                "write a process's variables directly (handlers submit their task's form)",
                Probe.json("POST", "/engine-rest/process-instance/matrix-probe/variables", "{\"modifications\":{}}")));
        r.add(rule(Door.ENGINE_REST, "POST", List.of("/engine-rest/user/*/unlock", "/engine-rest/user/create",
                "/engine-rest/group/**", "/engine-rest/authorization/**"), Who.groups(ADMIN),
                "users, groups, authorizations; unlock a locked account", Probe.of("POST", "/engine-rest/user/demo/unlock")));
        r.add(rule(Door.ENGINE_REST, "POST", List.of("/engine-rest/process-definition/key/internal-forwarding/submit-form"),
                Who.groups(staffAndAdmins).as(STAFF), "forward a complaint to the center (start form, checked against the form)",
                Probe.json("POST", "/engine-rest/process-definition/key/internal-forwarding/submit-form",
                        "{\"variables\":{}}").expecting(400)));
        r.add(rule(Door.WEBAPPS, "POST", List.of("/camunda/api/admin/auth/user/default/login/tasklist"),
                Who.groups(staffAndAdmins).as(STAFF), "Tasklist", new Probe("LOGIN", "tasklist", null, false, 200)));
        r.add(rule(Door.WEBAPPS, "POST", List.of("/camunda/api/admin/auth/user/default/login/cockpit"),
                Who.groups(Stream.concat(AuthorizationPolicy.supervisors().stream(), Stream.of(ADMIN)).toList()),
                "Cockpit", new Probe("LOGIN", "cockpit", null, false, 200)));
        r.add(rule(Door.WEBAPPS, "POST", List.of("/camunda/api/admin/auth/user/default/login/admin"), Who.groups(ADMIN),
                "Admin (users, groups, authorizations)", new Probe("LOGIN", "admin", null, false, 200)));
        r.add(rule(Door.WEBAPPS, "POST", List.of("/camunda/api/admin/setup/**"), Who.nobody(),
                "Admin's first-administrator set-up (prod creates the administrator before the server listens)",
                Probe.json("POST", "/camunda/api/admin/setup/default/user/create", "{}")));
        r.add(rule(Door.PUBLIC, null, List.of("/public/**", "/v3/api-docs/**"), Who.everyone(),
                "the customer's form and status page (validated, size- and rate-limited), the API description",
                Probe.of("GET", "/public/complaints/CMP-00000000-000000?phone=13800000000")));
        return r;
    }

    public static List<Rule> all() {
        return Stream.concat(httpRules().stream(), engineRules().stream()).toList();
    }

    private static Rule rule(Door door, String method, List<String> patterns, Who who, String what, Probe probe) {
        return new Rule(door, method, patterns, who, what, probe);
    }

    /** The matrix as docs/security.md shows it. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| door | method | path | who | what |\n|---|---|---|---|---|\n");
        for (Rule rule : all()) {
            md.append("| `").append(rule.door().prefix()).append("` | ")
                    .append(rule.method() == null ? "any" : rule.method()).append(" | ")
                    .append(rule.patterns().stream().map(p -> "`" + p + "`").collect(Collectors.joining("<br>")))
                    .append(" | ").append(rule.who().describe()).append(" | ").append(rule.what()).append(" |\n");
        }
        return md.toString();
    }
}
