package io.complaintflow.engine;

import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.behavior.ServiceTaskDelegateExpressionActivityBehavior;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.migration.validation.activity.SupportedActivityValidator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lets a new model version take over instances that wait in a task holding one of the application's own timer jobs
 * (generation 3's deadline ladder: a service task whose delegate is the activity's behavior, with a job of its own
 * handler and no job definition). Camunda's migration knows neither: it refuses the task's type, and it collects the
 * jobs of scopes only, so it refuses an instance holding a job it did not place. So the waiting delegate task is
 * accepted (a service task without an asynchronous boundary holds an activity instance only while its delegate
 * waits, which only the ladder does), and {@link #migrate} takes the instance's own timers off their executions for
 * the migration and puts them back after it, now of the new version — the same job, its due date, deadlines and
 * retries unchanged, in the migration's transaction.
 */
@Component
public class OwnTimersAcrossVersions extends AbstractProcessEnginePlugin {

    private static final String OWN = "type_ = 'timer' and job_def_id_ is null and process_instance_id_ = ?";

    private final JdbcClient jdbc;
    private volatile CommandExecutor commands;

    public OwnTimersAcrossVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!SupportedActivityValidator.SUPPORTED_ACTIVITY_BEHAVIORS
                .contains(ServiceTaskDelegateExpressionActivityBehavior.class)) {
            SupportedActivityValidator.SUPPORTED_ACTIVITY_BEHAVIORS.add(ServiceTaskDelegateExpressionActivityBehavior.class);
        }
        commands = configuration.getCommandExecutorTxRequired();
    }

    /** Whether the instance holds an own timer whose retries are used up (an incident: it stays until resolved). */
    public boolean failing(String processInstanceId) {
        return jdbc.sql("select count(*) from act_ru_job where retries_ <= 0 and " + OWN).param(processInstanceId)
                .query(Long.class).single() > 0;
    }

    /** Runs the migration with the instance's own timers off their executions, in one transaction. */
    public void migrate(String processInstanceId, String targetDefinitionId, Runnable migration) {
        commands.execute(context -> {
            List<Kept> kept = jdbc.sql("select id_, execution_id_ from act_ru_job where " + OWN)
                    .param(processInstanceId).query((rs, row) -> new Kept(rs.getString(1), rs.getString(2))).list();
            kept.forEach(job -> jdbc.sql("update act_ru_job set execution_id_ = null, process_instance_id_ = null where id_ = ?")
                    .param(job.id()).update());
            migration.run();
            kept.forEach(job -> jdbc.sql("update act_ru_job set execution_id_ = ?, process_instance_id_ = ?, process_def_id_ = ? "
                            + "where id_ = ?")
                    .params(job.executionId(), processInstanceId, targetDefinitionId, job.id()).update());
            return null;
        });
    }

    private record Kept(String id, String executionId) {
    }
}
