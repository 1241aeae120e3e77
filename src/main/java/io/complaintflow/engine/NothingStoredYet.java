package io.complaintflow.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceManager;
import org.springframework.stereotype.Component;

/**
 * A row the running command has created and not yet flushed has nothing stored under its id, so the engine's reads of
 * what is stored for it can be answered without a query. The first variable a task's create listener reads or writes
 * makes the engine load the task's stored variables ({@code select … from ACT_RU_VARIABLE where TASK_ID_ = ?}): for a
 * task created in this command none exist (its variables made in this command are in the engine's memory, not in the
 * result). One statement per user task created — the intake job's department task (its list columns), each task of a
 * handler's step.
 */
@Component
public class NothingStoredYet extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineSessions.replace(configuration, VariableInstanceManager.class, NewTaskVariables::new);
    }

    /** Whether the running command created this row (an insert not yet flushed). */
    public static boolean createdInThisCommand(Class<? extends DbEntity> type, String id) {
        CommandContext command = Context.getCommandContext();
        if (command == null || id == null) {
            return false;
        }
        CachedDbEntity cached = command.getDbEntityManager().getDbEntityCache().getCachedEntity(type, id);
        return cached != null && cached.getEntityState() == DbEntityState.TRANSIENT;
    }

    /** The engine's variable manager, answering "none" for the stored variables of a task this command created. */
    static final class NewTaskVariables extends VariableInstanceManager {

        @Override
        public List<VariableInstanceEntity> findVariableInstancesByTaskIdAndVariableNames(String taskId,
                Collection<String> variableNames) {
            return createdInThisCommand(TaskEntity.class, taskId) ? new ArrayList<>()
                    : super.findVariableInstancesByTaskIdAndVariableNames(taskId, variableNames);
        }
    }
}
