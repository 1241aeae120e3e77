package io.complaintflow.security;

import io.complaintflow.engine.EngineSessions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.type.JdbcType;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The handlers' task query without MyBatis' dynamic SQL. A handler's step first polls
 * {@code GET /engine-rest/task?processInstanceBusinessKey=…&taskDefinitionKey=…&active=true} until its task appears
 * (4.7 queries per closed complaint in the bench); the engine renders Task.xml's {@code selectTaskByQueryCriteria}
 * for each — ≈ 110 {@code <if>}s and the authorization join evaluated through OGNL, which cost more CPU than the
 * query (bench/README.md). For the shape {@link TaskQueryShape} renders — the same statement, written out once in
 * Java — the command's task manager sends that text instead, through the same MyBatis session, result map and entity
 * cache; every other query, and any query while revokes are checked, goes to the engine's statement. The query is
 * configured for its caller (authorization, tenants) by the engine first, exactly as before.
 */
@Component
public class TaskQueries extends AbstractProcessEnginePlugin {

    static final String LIST = TaskQueries.class.getName() + ".renderedTaskList";
    static final String COUNT = TaskQueries.class.getName() + ".renderedTaskCount";
    private static final String TASK_RESULT_MAP =
            "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.taskResultMap";

    /** Queries answered by the rendered statement (the differential test reads it). */
    static final LongAdder ANSWERED = new LongAdder();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineSessions.replace(configuration, TaskManager.class, Rendered::new);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
        Map<String, String> variables = new HashMap<>();
        mybatis.getVariables().forEach((name, value) -> variables.put(String.valueOf(name), String.valueOf(value)));
        if (!TaskQueryShape.supports(variables) || !mybatis.hasResultMap(TASK_RESULT_MAP)) {
            return; // every query stays with the engine: Rendered finds no statement
        }
        if (!mybatis.hasStatement(LIST, false)) {
            mybatis.addMappedStatement(new MappedStatement.Builder(mybatis, LIST,
                    new Rendering(mybatis, variables, false), SqlCommandType.SELECT)
                    .resultMaps(List.of(mybatis.getResultMap(TASK_RESULT_MAP))).build());
        }
        if (!mybatis.hasStatement(COUNT, false)) {
            mybatis.addMappedStatement(new MappedStatement.Builder(mybatis, COUNT,
                    new Rendering(mybatis, variables, true), SqlCommandType.SELECT)
                    .resultMaps(List.of(new ResultMap.Builder(mybatis, COUNT + "-Inline", Long.class,
                            new ArrayList<>()).build())).build());
        }
    }

    /** The command's task manager: a fitting query goes to the rendered statement. */
    static final class Rendered extends TaskManager {

        @Override
        public List<Task> findTasksByQueryCriteria(TaskQueryImpl query) {
            configureQuery(query);
            if (!rendered(query)) {
                return getDbEntityManager().selectList("selectTaskByQueryCriteria", query);
            }
            ANSWERED.increment();
            return getDbEntityManager().selectList(LIST, query);
        }

        @Override
        public long findTaskCountByQueryCriteria(TaskQueryImpl query) {
            configureQuery(query);
            if (!rendered(query)) {
                return (Long) getDbEntityManager().selectOne("selectTaskCountByQueryCriteria", query);
            }
            ANSWERED.increment();
            return (Long) getDbEntityManager().selectOne(COUNT, query);
        }

        private static boolean rendered(TaskQueryImpl query) {
            return Context.getProcessEngineConfiguration().getSqlSessionFactory().getConfiguration()
                    .hasStatement(LIST, false) && TaskQueryShape.fits(query);
        }
    }

    /** The statement's text and values from the query, as {@link TaskQueryShape} renders them. */
    private record Rendering(Configuration mybatis, Map<String, String> variables, boolean count)
            implements SqlSource {

        @Override
        public BoundSql getBoundSql(Object parameterObject) {
            TaskQueryImpl query = (TaskQueryImpl) parameterObject;
            TaskQueryShape.Statement statement = TaskQueryShape.render(query, variables,
                    query.isQueryForProcessTasksOnly(), count);
            List<ParameterMapping> mappings = new ArrayList<>(statement.values().size());
            for (int i = 0; i < statement.values().size(); i++) {
                Object value = statement.values().get(i);
                mappings.add(value instanceof Integer
                        ? new ParameterMapping.Builder(mybatis, "_v" + i, Integer.class).jdbcType(JdbcType.INTEGER)
                        .build()
                        : new ParameterMapping.Builder(mybatis, "_v" + i, String.class).jdbcType(JdbcType.VARCHAR)
                        .build());
            }
            BoundSql bound = new BoundSql(mybatis, statement.sql(), mappings, parameterObject);
            for (int i = 0; i < statement.values().size(); i++) {
                bound.setAdditionalParameter("_v" + i, statement.values().get(i));
            }
            return bound;
        }
    }
}
