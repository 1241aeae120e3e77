package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import io.complaintflow.TestScenarios;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The handlers' task query answered by the rendered statement ({@link TaskQueries}) lists and counts exactly what
 * the engine's own {@code selectTaskByQueryCriteria} lists and counts, in the same command, for every caller: READ on
 * the task (user, group, global, {@code *}), READ_TASK on the process definition (user, group, {@code *}), READ on a
 * definition without READ_TASK, no grant at all; with and without tenants; active, suspended and either; assigned and
 * unassigned tasks; the business key of a root instance and of a called one (which carries it or not); sorted,
 * paged, counted. A query of another shape goes to the engine.
 */
@ComplaintFlowTest
class TaskQueriesTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService taskService;
    @Autowired AuthorizationService authorizations;
    @Autowired IdentityService identity;
    @Autowired TestScenarios scenarios;

    private final List<String> deployments = new ArrayList<>();
    private TestGrants grants;
    private final List<String> instances = new ArrayList<>();
    private String assignedTask;
    private String readTask;

    @BeforeEach
    void tasks() {
        grants = new TestGrants(authorizations);
        deploy(null, Bpmn.createExecutableProcess("tq-child").camundaHistoryTimeToLive(1).startEvent()
                .parallelGateway("tq-fork").userTask("tq-task").camundaCandidateGroups("tq-group").endEvent()
                .moveToNode("tq-fork").userTask("tq-other").camundaCandidateGroups("tq-group").endEvent().done());
        deploy(null, Bpmn.createExecutableProcess("tq-root").camundaHistoryTimeToLive(1).startEvent()
                .parallelGateway("tq-split").userTask("tq-task").camundaCandidateGroups("tq-group").endEvent()
                .moveToNode("tq-split").callActivity("tq-with-key").calledElement("tq-child")
                .camundaInBusinessKey("${execution.processBusinessKey}").endEvent()
                .moveToNode("tq-split").callActivity("tq-without-key").calledElement("tq-child").endEvent().done());
        deploy("tq-tenant", Bpmn.createExecutableProcess("tq-tenanted").camundaHistoryTimeToLive(1).startEvent()
                .userTask("tq-task").camundaCandidateGroups("tq-group").endEvent().done());

        instances.add(runtime.startProcessInstanceByKey("tq-root", "tq-bk1").getId());
        String plain = runtime.startProcessInstanceByKey("tq-child", "tq-bk2").getId();
        instances.add(plain);
        String suspended = runtime.startProcessInstanceByKey("tq-child", "tq-bk3").getId();
        instances.add(suspended);
        instances.add(runtime.createProcessInstanceByKey("tq-tenanted").processDefinitionTenantId("tq-tenant")
                .businessKey("tq-bk4").execute().getId());
        instances.add(runtime.createProcessInstanceByKey("tq-tenanted").processDefinitionTenantId("tq-tenant")
                .businessKey("tq-bk1").execute().getId());

        assignedTask = taskService.createTaskQuery().processInstanceId(plain).taskDefinitionKey("tq-task")
                .singleResult().getId();
        taskService.setAssignee(assignedTask, "tq-assignee");
        readTask = taskService.createTaskQuery().processInstanceId(plain).taskDefinitionKey("tq-other")
                .singleResult().getId();
        runtime.suspendProcessInstanceById(suspended);

        String rootTask = taskService.createTaskQuery().processInstanceBusinessKey("tq-bk1")
                .processDefinitionKey("tq-root").singleResult().getId();
        grants.grant(Authorization.AUTH_TYPE_GRANT, "tq-reader", null, Resources.TASK, readTask, Permissions.READ);
        grants.grant(Authorization.AUTH_TYPE_GRANT, "tq-reader", null, Resources.TASK, rootTask, Permissions.UPDATE);
        grants.grant(Authorization.AUTH_TYPE_GLOBAL, "*", null, Resources.TASK, assignedTask, Permissions.READ);
        grants.grant(Authorization.AUTH_TYPE_GRANT, null, "tq-defgroup", Resources.PROCESS_DEFINITION, "tq-child",
                Permissions.READ_TASK);
        grants.grant(Authorization.AUTH_TYPE_GRANT, "tq-defuser", null, Resources.PROCESS_DEFINITION, "*",
                Permissions.READ_TASK);
        grants.grant(Authorization.AUTH_TYPE_GRANT, null, "tq-defread", Resources.PROCESS_DEFINITION, "tq-root",
                Permissions.READ);
        grants.grant(Authorization.AUTH_TYPE_GRANT, null, "tq-star", Resources.TASK, "*", Permissions.READ);
    }

    @AfterEach
    void cleanUp() {
        identity.clearAuthentication();
        grants.revokeAll();
        deployments.forEach(id -> repository.deleteDeployment(id, true));
    }

    private void deploy(String tenant, BpmnModelInstance model) {
        var builder = repository.createDeployment().addModelInstance(model.getModelElementsByType(
                org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next().getId() + ".bpmn", model);
        if (tenant != null) {
            builder.tenantId(tenant);
        }
        Deployment deployment = builder.deploy();
        deployments.add(deployment.getId());
    }

    @Test
    void everyCallerSeesWhatTheEnginesStatementShows() {
        // each identity reaches the tasks by another grant: READ on a task as user, READ on a definition without
        // READ_TASK, READ_TASK on '*' as user and on a definition as group, the candidate group's own grants, READ on
        // every task, nothing but the global grant
        List<List<Object>> identities = List.of(List.of("tq-reader", List.of()),
                List.of("tq-reader", List.of("tq-defread", "tq-other-group")), List.of("tq-defuser", List.of()),
                List.of("tq-defuser", List.of("tq-defgroup")), List.of("tq-nobody", List.of()),
                List.of("tq-nobody", List.of("tq-group")), List.of("tq-nobody", List.of("tq-defgroup")),
                List.of("tq-nobody", List.of("tq-star")));
        List<List<String>> tenantLists = List.of(List.of(), List.of("tq-tenant"));
        List<String> keys = Arrays.asList("tq-bk1", "tq-bk2", "tq-bk3", "tq-bk4", null);
        List<String> taskKeys = Arrays.asList("tq-task", null);
        List<Consumer<TaskQuery>> states = List.of(q -> { }, TaskQuery::active, TaskQuery::suspended);
        List<Consumer<TaskQuery>> orders = List.of(q -> { }, q -> q.orderByTaskId().desc(),
                q -> q.orderByTaskPriority().asc().orderByTaskId().asc());
        int[] seen = new int[2];
        for (int i = 0; i < identities.size(); i++) {
            List<Object> who = identities.get(i);
            // orders and pages for a user's own grant and a candidate group's, not for every identity
            boolean sorted = i == 0 || i == 5;
            for (List<String> tenants : tenantLists) {
                @SuppressWarnings("unchecked")
                List<String> groups = (List<String>) who.get(1);
                identity.setAuthentication((String) who.get(0), groups, tenants);
                try {
                    for (String key : keys) {
                        for (String taskKey : taskKeys) {
                            if (key == null && taskKey == null) {
                                continue;
                            }
                            for (int s = 0; s < states.size(); s++) {
                                // the other orders on the poll's own shape (active), pages in the id order
                                for (int o = 0; o < (s == 1 && sorted ? orders.size() : 1); o++) {
                                    TaskQueryImpl query = query(key, taskKey, states.get(s), orders.get(o));
                                    compare(query, who + " " + tenants + " key " + key + " task " + taskKey
                                            + " state " + s + " order " + o, seen, sorted && s == 1 && o == 0);
                                }
                            }
                        }
                    }
                } finally {
                    identity.clearAuthentication();
                }
            }
        }
        assertThat(seen[1]).as("queries that found tasks").isGreaterThan(100);
        assertThat(seen[0]).as("queries that found none").isGreaterThan(100);
    }

    private TaskQueryImpl query(String key, String taskKey, Consumer<TaskQuery> state, Consumer<TaskQuery> order) {
        TaskQueryImpl query = (TaskQueryImpl) taskService.createTaskQuery();
        if (key != null) {
            query.processInstanceBusinessKey(key);
        }
        if (taskKey != null) {
            query.taskDefinitionKey(taskKey);
        }
        state.accept(query);
        order.accept(query);
        return query;
    }

    /**
     * Lists (whole, and two pages) and counts with ours, then with the engine's statements on the same query; all four
     * of ours by the rendered statement.
     */
    private void compare(TaskQueryImpl query, String what, int[] seen, boolean paged) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
                .getProcessEngineConfiguration();
        long before = TaskQueries.ANSWERED.sum();
        configuration.getCommandExecutorTxRequired().execute((CommandContext context) -> {
            TaskManager manager = context.getTaskManager();
            assertThat(manager).isInstanceOf(TaskQueries.Rendered.class);
            List<String> ours = ids(query.executeList(context, null));
            List<String> engines = ids(context.getDbEntityManager().selectList("selectTaskByQueryCriteria", query));
            assertThat(ours).as(what).isEqualTo(engines);
            seen[ours.isEmpty() ? 0 : 1]++;
            long count = query.executeCount(context);
            assertThat(count).as(what + " count").isEqualTo((Long) context.getDbEntityManager()
                    .selectOne("selectTaskCountByQueryCriteria", query)).isEqualTo(ours.size());
            for (int[] page : paged ? new int[][] {{0, 1}, {1, 2}} : new int[0][]) {
                query.setFirstResult(page[0]);
                query.setMaxResults(page[1]);
                List<String> ourPage = ids(query.executeList(context, null));
                assertThat(ourPage).as(what + " page " + Arrays.toString(page)).isEqualTo(ids(context
                        .getDbEntityManager().selectList("selectTaskByQueryCriteria", query)));
            }
            query.setFirstResult(0);
            query.setMaxResults(Integer.MAX_VALUE);
            return null;
        });
        assertThat(TaskQueries.ANSWERED.sum() - before).as(what + ": by the rendered statement")
                .isEqualTo(paged ? 4 : 2);
    }

    private static List<String> ids(List<?> tasks) {
        return tasks.stream().map(t -> ((Task) t).getId()).toList();
    }

    @Test
    void theShapeIsAnsweredByTheRenderedStatementEveryOtherByTheEngine() {
        identity.setAuthentication("tq-reader", List.of("tq-group"), List.of());
        try {
            long before = TaskQueries.ANSWERED.sum();
            List<Task> polled = taskService.createTaskQuery().processInstanceBusinessKey("tq-bk2")
                    .taskDefinitionKey("tq-task").active().list();
            assertThat(polled).extracting(Task::getId).containsExactly(assignedTask);
            assertThat(polled.get(0).getAssignee()).isEqualTo("tq-assignee");
            assertThat(TaskQueries.ANSWERED.sum() - before).isEqualTo(1);

            before = TaskQueries.ANSWERED.sum();
            assertThat(taskService.createTaskQuery().processInstanceBusinessKey("tq-bk2").taskAssignee("tq-assignee")
                    .list()).extracting(Task::getId).containsExactly(assignedTask);
            assertThat(taskService.createTaskQuery().processInstanceBusinessKey("tq-bk2").or()
                    .taskDefinitionKey("tq-other").taskAssignee("tq-assignee").endOr().count()).isEqualTo(2);
            assertThat(taskService.createTaskQuery().processInstanceBusinessKey("tq-bk2").taskDefinitionKey("tq-task")
                    .orderByProcessVariable("none", org.camunda.bpm.engine.variable.type.ValueType.STRING).asc().list())
                    .hasSize(1);
            assertThat(taskService.createTaskQuery().processInstanceBusinessKey("tq-bk2")
                    .processVariableValueEquals("none", "x").list()).isEmpty();
            assertThat(TaskQueries.ANSWERED.sum() - before).as("other shapes go to the engine").isZero();
        } finally {
            identity.clearAuthentication();
        }
        // configured as the engine configures a checked task query: fits; with revokes checked, or conjunctive, not
        TaskQueryImpl poll = (TaskQueryImpl) taskService.createTaskQuery().processInstanceBusinessKey("tq-bk2")
                .taskDefinitionKey("tq-task").active();
        poll.getAuthCheck().setAuthorizationCheckEnabled(true);
        poll.getAuthCheck().setAuthUserId("tq-reader");
        poll.getAuthCheck().setPermissionChecks(readTask(true));
        assertThat(TaskQueryShape.fits(poll)).isTrue();
        poll.getAuthCheck().setRevokeAuthorizationCheckEnabled(true);
        assertThat(TaskQueryShape.fits(poll)).as("revokes checked").isFalse();
        poll.getAuthCheck().setRevokeAuthorizationCheckEnabled(false);
        poll.getAuthCheck().setPermissionChecks(readTask(false));
        assertThat(TaskQueryShape.fits(poll)).as("conjunctive").isFalse();
    }

    /** AuthorizationManager.configureTaskQuery's check: READ on the task or READ_TASK on its definition. */
    private static CompositePermissionCheck readTask(boolean disjunctive) {
        CompositePermissionCheck check = new CompositePermissionCheck(disjunctive);
        check.setAtomicChecks(List.of(atomic(Resources.TASK, "RES.ID_", Permissions.READ),
                atomic(Resources.PROCESS_DEFINITION, "PROCDEF.KEY_", Permissions.READ_TASK)));
        return check;
    }

    private static PermissionCheck atomic(Resource resource, String queryParam, Permission permission) {
        PermissionCheck check = new PermissionCheck();
        check.setResource(resource);
        check.setResourceIdQueryParam(queryParam);
        check.setPermission(permission);
        return check;
    }

    @Test
    void aHandlerWithoutTheGrantSeesNothingOverRestTheDepartmentSeesItsTask() {
        String caseNumber = scenarios.routine("delivery");
        Task task = scenarios.departmentTask(caseNumber, "logistics");
        assertThat(task).as("a delivery complaint waits at logistics").isNotNull();
        String poll = "/engine-rest/task?processInstanceBusinessKey=" + caseNumber + "&taskDefinitionKey="
                + task.getTaskDefinitionKey() + "&active=true";
        long before = TaskQueries.ANSWERED.sum();
        for (String outsider : new String[] {"quality", "billing", "aftersales"}) {
            HttpSession rest = new HttpSession(port).basic(outsider, DemoUsers.PASSWORD);
            assertThat(rest.get(poll).body()).as(outsider).isEqualTo("[]");
            assertThat(rest.get(poll.replace("/task?", "/task/count?")).body()).as(outsider)
                    .contains("\"count\":0");
        }
        String found = new HttpSession(port).basic("logistics", DemoUsers.PASSWORD).get(poll).body();
        assertThat(found).contains("\"id\":\"" + task.getId() + "\"").contains("\"formKey\"");
        assertThat(new HttpSession(port).basic("demo", DemoUsers.PASSWORD).get(poll).body())
                .as("the bench's user, through the administrators' grant on every task").contains(task.getId());
        assertThat(TaskQueries.ANSWERED.sum() - before).as("each poll and count by the rendered statement")
                .isEqualTo(8);
    }
}
