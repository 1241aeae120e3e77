package io.complaintflow.engine;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters every handler starts from, created once and kept in step with this definition.
 * Each filter's query is relative to whoever opens it ({@code currentUser()}, {@code currentUserGroups()}),
 * so the same filter shows every person only their own work. The filters by grade and channel ask the task's own list
 * columns ({@link TaskListColumns}), not process variables: a department part holds no copy of them (issue #19).
 */
@Component
@Order(StartupOrder.FILTERS)
public class TasklistFilters implements ApplicationRunner {

    public static final String MY_TASKS = "我的任务";
    public static final String MY_GROUPS = "本部门待办";
    public static final String CENTER = "投诉中心待办";
    public static final String DUE_SOON = "即将超时";
    public static final String OVERDUE = "已超时";
    public static final String CRISIS = "危机 G4";
    public static final String REGULATOR = "监管转办";
    public static final String READINESS = "应急响应";

    private static final List<Map<String, String>> COLUMNS = List.of(
            Map.of("name", TaskListColumns.COLUMNS.get("caseNumber"), "label", "工单号"),
            Map.of("name", TaskListColumns.COLUMNS.get("grade"), "label", "等级"),
            Map.of("name", TaskListColumns.COLUMNS.get("category"), "label", "类别"),
            Map.of("name", TaskListColumns.COLUMNS.get("channel"), "label", "渠道"));

    private final FilterService filters;
    private final TaskService tasks;

    public TasklistFilters(FilterService filters, TaskService tasks) {
        this.filters = filters;
        this.tasks = tasks;
    }

    @Override
    public void run(ApplicationArguments args) {
        save(MY_TASKS, -10, "分配给我的任务", tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
        save(MY_GROUPS, 0, "我所在组（部门）可领取的任务",
                tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
        save(CENTER, 10, "投诉中心的全部待办", tasks.createTaskQuery().taskCandidateGroup("complaint-center")
                .includeAssignedTasks());
        save(DUE_SOON, 20, "我所在组 4 小时内到期的任务", tasks.createTaskQuery()
                .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                .dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusHours(4).toDate()}"));
        save(OVERDUE, 30, "我所在组已过期限的任务", tasks.createTaskQuery()
                .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                .dueBeforeExpression("${now()}"));
        save(CRISIS, 40, "全部危机（G4）投诉的任务", tasks.createTaskQuery()
                .taskVariableValueEquals(TaskListColumns.COLUMNS.get("grade"), "G4"));
        save(REGULATOR, 50, "全部监管转办投诉的任务", tasks.createTaskQuery()
                .taskVariableValueEquals(TaskListColumns.COLUMNS.get("channel"), "regulator"));
        save(READINESS, 60, "危机响应、激增响应与 3·15 专项活动中我所在组的任务", tasks.createTaskQuery()
                .processDefinitionKeyIn("crisis-response", "surge-response", "campaign-315")
                .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
    }

    private void save(String name, int priority, String description, TaskQuery query) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(name);
        }
        filter.setQuery(query);
        filter.setProperties(Map.of(
                "priority", priority,
                "description", description,
                "refresh", true,
                "variables", COLUMNS));
        filters.saveFilter(filter);
    }
}
