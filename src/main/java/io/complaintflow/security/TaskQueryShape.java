package io.complaintflow.security;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.db.TenantCheck;
import org.camunda.bpm.engine.impl.db.sql.MybatisJoinHelper;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;

/**
 * The SQL Camunda's {@code selectTaskByQueryCriteria} / {@code selectTaskCountByQueryCriteria} (Task.xml) renders for
 * one shape of task query — the handlers' poll: business key, task definition key, active or suspended — written
 * out as that XML writes it, with the same joins and the same authorization and tenant conditions: the authorization
 * join on the grants of the user, the groups and {@code *} whose permissions hold each atomic check's, on
 * {@code RES.ID_}, the definition's key or {@code *}; the case-task branch when the engine joins left; the tenant
 * check; ordering by the query's own columns or {@code RES.ID_}; the database's paging. The database-specific pieces
 * are the engine's own MyBatis variables. A query with any other criterion, an or-query, an expression, variables,
 * an ordering through a relation or a function, or a revoke check does not fit and stays with the engine.
 */
final class TaskQueryShape {

    /** The criteria this shape renders; every other field of the query must hold its default. */
    private static final Set<String> CRITERIA = Set.of("processInstanceBusinessKey", "key", "suspensionState");

    /** Fields that say how results are returned or cached, never what the statement selects. */
    private static final Set<String> NOT_SQL = Set.of("initializeFormKeys", "withCommentAttachmentInfo",
            "cachedCandidateGroups", "cachedUserGroups", "queries", "variableNamesIgnoreCase",
            "variableValuesIgnoreCase");

    private static final List<Field> CHECKED = checkedFields();
    private static final List<Object> DEFAULTS = defaults();

    private static final String COLUMNS = "RES.REV_, RES.ID_, RES.NAME_, RES.PARENT_TASK_ID_, RES.DESCRIPTION_, "
            + "RES.PRIORITY_, RES.CREATE_TIME_, RES.OWNER_, RES.ASSIGNEE_, RES.DELEGATION_, RES.EXECUTION_ID_, "
            + "RES.PROC_INST_ID_, RES.PROC_DEF_ID_, RES.CASE_EXECUTION_ID_, RES.CASE_INST_ID_, RES.CASE_DEF_ID_, "
            + "RES.TASK_DEF_KEY_, RES.DUE_DATE_, RES.FOLLOW_UP_DATE_, RES.SUSPENSION_STATE_, RES.TENANT_ID_, "
            + "RES.LAST_UPDATED_, RES.TASK_STATE_";

    private static final Pattern MARK = Pattern.compile("#\\{(\\w+)}");
    private static final Set<String> PAGING = Set.of("maxResults", "firstResult", "firstRow", "lastRow");

    private TaskQueryShape() {
    }

    /** A statement's text with {@code ?} marks and their values in order. */
    record Statement(String sql, List<Object> values) {
    }

    /** Whether the engine's variables are those this class renders (no UNION form of the authorization join). */
    static boolean supports(Map<String, String> variables) {
        for (String name : List.of("limitBefore", "limitAfter", "limitBetween", "orderBy", "countDistinctBeforeStart",
                "countDistinctBeforeEnd", "countDistinctAfterEnd")) {
            Matcher marks = MARK.matcher(variables.getOrDefault(name, ""));
            while (marks.find()) {
                if (!PAGING.contains(marks.group(1))) {
                    return false;
                }
            }
        }
        String suffix = variables.get("authCheckMethodSuffix");
        return (suffix == null || suffix.isEmpty()) && variables.get("orderBy") != null
                && variables.get("orderBy").contains("${internalOrderBy}");
    }

    /** The query, configured for its caller (authorization, tenants), is one this class renders exactly. */
    static boolean fits(TaskQueryImpl query) {
        if (query.getClass() != TaskQueryImpl.class || query.getQueries().size() != 1
                || query.getQueries().get(0) != query || (query.getExpressions() != null
                && !query.getExpressions().isEmpty())) {
            return false;
        }
        if (query.getProcessInstanceBusinessKey() == null && query.getKey() == null) {
            return false;
        }
        for (int i = 0; i < CHECKED.size(); i++) {
            if (!Objects.deepEquals(read(CHECKED.get(i), query), DEFAULTS.get(i))) {
                return false;
            }
        }
        SuspensionState state = query.getSuspensionState();
        if (state != null && state.getStateCode() != SuspensionState.ACTIVE.getStateCode()
                && state.getStateCode() != SuspensionState.SUSPENDED.getStateCode()) {
            return false;
        }
        for (QueryOrderingProperty ordering : query.getOrderingProperties()) {
            if (!ordering.isContainedProperty()) {
                return false;
            }
        }
        AuthorizationCheck auth = query.getAuthCheck();
        if (authorized(auth)) {
            CompositePermissionCheck checks = auth.getPermissionChecks();
            if (auth.isRevokeAuthorizationCheckEnabled() || !checks.isDisjunctive()
                    || checks.getAtomicChecks() == null || checks.getAtomicChecks().isEmpty()
                    || (checks.getCompositeChecks() != null && !checks.getCompositeChecks().isEmpty())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Task.xml's {@code authCheck.shouldPerformAuthorizatioCheck}, which OGNL reads through the getter (checks enabled
     * and some permission check present), not the field of the same name.
     */
    private static boolean authorized(AuthorizationCheck auth) {
        return auth.getShouldPerformAuthorizatioCheck() && auth.getAuthUserId() != null;
    }

    /** Task.xml's statement for a query that {@link #fits}: the list, or with {@code count} its count. */
    static Statement render(TaskQueryImpl query, Map<String, String> variables, boolean processTasksOnly,
                            boolean count) {
        List<Object> values = new ArrayList<>();
        String prefix = variables.getOrDefault("prefix", "");
        AuthorizationCheck auth = query.getAuthCheck();
        boolean authorized = authorized(auth);
        StringBuilder sql = new StringBuilder();
        String internalOrderBy = null;
        if (count) {
            sql.append(variables.get("countDistinctBeforeStart")).append(" RES.ID_ ")
                    .append(variables.get("countDistinctBeforeEnd"));
        } else {
            List<QueryOrderingProperty> orderings = query.getOrderingProperties();
            if (orderings.isEmpty()) {
                internalOrderBy = "RES.ID_ asc";
            } else {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < orderings.size(); i++) {
                    parts.add(MybatisJoinHelper.orderBy(orderings.get(i), i));
                }
                internalOrderBy = String.join(", ", parts);
            }
            paging(sql, variables.get("limitBefore"), query, values);
            sql.append(" select ").append(variables.get("distinct")).append(' ').append(COLUMNS).append(' ');
            paging(sql, variables.get("limitBetween"), query, values);
        }
        sql.append(" from ").append(prefix).append("ACT_RU_TASK RES");
        if (authorized) {
            // D_JOIN: the definition's key for the grants on it
            sql.append(processTasksOnly ? " inner join " : " left join ").append(prefix)
                    .append("ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_");
        }
        if (query.getProcessInstanceBusinessKey() != null) {
            sql.append(" inner join ").append(prefix).append("ACT_RU_EXECUTION E on RES.PROC_INST_ID_ = E.ID_");
        }
        if (authorized) {
            authorizationJoin(sql, prefix, auth, variables, values);
        }
        sql.append(" where ( 1 = 1");
        if (query.getProcessInstanceBusinessKey() != null) {
            sql.append(" and E.BUSINESS_KEY_ = ?");
            values.add(query.getProcessInstanceBusinessKey());
        }
        if (query.getKey() != null) {
            sql.append(" and RES.TASK_DEF_KEY_ = ?");
            values.add(query.getKey());
        }
        SuspensionState state = query.getSuspensionState();
        if (state != null) {
            sql.append(" and RES.SUSPENSION_STATE_ = ").append(state.getStateCode());
        }
        sql.append(" )");
        if (authorized) {
            sql.append(" and (");
            if (auth.isUseLeftJoin()) {
                sql.append(" (RES.CASE_EXECUTION_ID_ IS NOT NULL) OR");
            }
            sql.append(" (AUTH.RESOURCE_ID_ IS NOT NULL) )");
        }
        TenantCheck tenants = query.getTenantCheck();
        if (tenants.isTenantCheckEnabled()) {
            sql.append(" and (RES.TENANT_ID_ is null");
            List<String> ids = tenants.getAuthTenantIds();
            if (ids != null && !ids.isEmpty()) {
                sql.append(" or RES.TENANT_ID_ in (").append(marks(ids.size())).append(')');
                values.addAll(ids);
            }
            sql.append(')');
        }
        if (count) {
            sql.append(' ').append(variables.get("countDistinctAfterEnd"));
        } else {
            sql.append(' ').append(variables.get("orderBy").replace("${internalOrderBy}", internalOrderBy))
                    .append(' ');
            paging(sql, variables.get("limitAfter"), query, values);
        }
        return new Statement(sql.toString(), values);
    }

    /** Authorization.xml's {@code authCheckJoinWithoutOnClauseWithBinding} and Task.xml's ON clause. */
    private static void authorizationJoin(StringBuilder sql, String prefix, AuthorizationCheck auth,
                                          Map<String, String> variables, List<Object> values) {
        sql.append(auth.isUseLeftJoin() ? " left join" : " inner join").append(" ( SELECT A.* FROM ").append(prefix)
                .append("ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2 AND ( A.USER_ID_ in ( ?, '*')");
        values.add(auth.getAuthUserId());
        List<String> groups = auth.getAuthGroupIds();
        if (groups != null && !groups.isEmpty()) {
            sql.append(" OR A.GROUP_ID_ IN (").append(marks(groups.size())).append(')');
            values.addAll(groups);
        }
        sql.append(" ) AND ( (");
        List<PermissionCheck> atomics = auth.getPermissionChecks().getAtomicChecks();
        for (int i = 0; i < atomics.size(); i++) {
            if (i > 0) {
                sql.append(" OR ");
            }
            sql.append("A.RESOURCE_TYPE_ = ? AND ").append(variables.getOrDefault("bitand1", ""))
                    .append("A.PERMS_").append(variables.getOrDefault("bitand2", "")).append('?')
                    .append(variables.getOrDefault("bitand3", "")).append(" = ?");
            values.add(atomics.get(i).getResourceType());
            values.add(atomics.get(i).getPerms());
            values.add(atomics.get(i).getPerms());
        }
        sql.append(") ) ) AUTH ON (AUTH.RESOURCE_ID_ ").append(variables.get("authJoinStart")).append(" RES.ID_ ")
                .append(variables.get("authJoinSeparator")).append(" D.KEY_ ").append(variables.get("authJoinSeparator"))
                .append(" '*' ").append(variables.get("authJoinEnd")).append(')');
    }

    private static void paging(StringBuilder sql, String text, TaskQueryImpl query, List<Object> values) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Matcher marks = MARK.matcher(text);
        int at = 0;
        while (marks.find()) {
            sql.append(text, at, marks.start()).append('?');
            values.add(switch (marks.group(1)) {
                case "maxResults" -> query.getMaxResults();
                case "firstResult" -> query.getFirstResult();
                case "firstRow" -> query.getFirstRow();
                case "lastRow" -> query.getLastRow();
                default -> throw new IllegalStateException("not a paging value: " + marks.group(1));
            });
            at = marks.end();
        }
        sql.append(text.substring(at)).append(' ');
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static List<Field> checkedFields() {
        List<Field> fields = new ArrayList<>();
        for (Field field : TaskQueryImpl.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !CRITERIA.contains(field.getName())
                    && !NOT_SQL.contains(field.getName())) {
                field.setAccessible(true);
                fields.add(field);
            }
        }
        return List.copyOf(fields);
    }

    private static List<Object> defaults() {
        TaskQueryImpl fresh = new TaskQueryImpl();
        List<Object> values = new ArrayList<>();
        for (Field field : CHECKED) {
            values.add(read(field, fresh));
        }
        return values;
    }

    private static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
