package io.complaintflow.security;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobsRetriesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDefinitionPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Suspending, deleting, re-dating, re-prioritising, retrying or running jobs and job definitions is for
 * administrators. Engine authorizations cannot say so: a job of no process (history cleanup, batches) is checked
 * against nothing, so any signed-in account could stop the job that enforces data deletion.
 */
@Component
public class JobOperationsGuard implements CommandGuard {

    static final List<Class<?>> JOB_COMMANDS = List.of(AbstractSetJobStateCmd.class,
            AbstractSetJobDefinitionStateCmd.class, AbstractSetJobsRetriesBatchCmd.class, SetJobRetriesCmd.class,
            SetJobDuedateCmd.class, RecalculateJobDuedateCmd.class, DeleteJobCmd.class, DeleteJobsCmd.class,
            SetJobPriorityCmd.class, SetJobDefinitionPriorityCmd.class, ExecuteJobsCmd.class, UnlockJobCmd.class,
            // the engine books a refused "execute" as a failed run and takes a retry: refused as well
            FailedJobListener.class);

    @Override
    public boolean guards(Command<?> command) {
        return JOB_COMMANDS.stream().anyMatch(type -> type.isInstance(command));
    }

    @Override
    public void check(Command<?> command, CommandContext context, Authentication caller) {
        ProcessEngineConfigurationImpl configuration = context.getProcessEngineConfiguration();
        if (caller == null || !context.isAuthorizationCheckEnabled()
                || CommandGuards.isAdmin(caller, configuration)) {
            return; // the engine's job executor and the application itself; administrators
        }
        throw new AuthorizationException("Job operations are for administrators (camunda-admin): "
                + caller.getUserId() + " may not " + command.getClass().getSimpleName().replace("Cmd", ""));
    }
}
