package io.complaintflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * The engine's failed-job incidents, without looking for one when a job that never lost a retry has just succeeded.
 * After every successful job the engine resolves the job's failed-job incidents, reading {@code ACT_RU_INCIDENT} by
 * the job's id — one statement per job (every step of a deadline storm, every job after intake). Such an incident
 * exists only while the job's retries are 0: the engine creates it when they fall to 0 and resolves it when they are
 * set above 0 again. So a job executing with retries left and no failure recorded has none, and the read is skipped;
 * any other case (a job run by hand with no retries left, a job that failed before) reads and resolves as the engine
 * does. Creating and deleting incidents are the engine's own.
 */
@Component
public class SucceededJobIncidents extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.isCompositeIncidentHandlersEnabled()) {
            return; // a composite handler would run the engine's default beside this one: nothing to save
        }
        List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomIncidentHandlers());
        handlers.add(new Handler());
        configuration.setCustomIncidentHandlers(handlers);
    }

    /** The engine's default handler for failed jobs, but for the one case above. */
    static final class Handler extends DefaultIncidentHandler {

        /** Successful jobs whose incidents were not looked for, and resolutions that looked. */
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong looked = new AtomicLong();

        Handler() {
            super(Incident.FAILED_JOB_HANDLER_TYPE);
        }

        @Override
        public void resolveIncident(IncidentContext context) {
            if (succeededUnfailed(context)) {
                skipped.incrementAndGet();
                return;
            }
            looked.incrementAndGet();
            super.resolveIncident(context);
        }

        /** The job of this incident context is the one executing, with retries left and no failure recorded. */
        static boolean succeededUnfailed(IncidentContext context) {
            CommandContext command = Context.getCommandContext();
            JobEntity job = command == null ? null : command.getCurrentJob();
            return job != null && job.getId() != null && job.getId().equals(context.getConfiguration())
                    && job.getRetries() > 0 && job.getExceptionMessage() == null
                    && job.getExceptionByteArrayId() == null;
        }
    }
}
