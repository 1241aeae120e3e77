package io.complaintflow.engine;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.history.JobState;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSession;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricScopeInstanceEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.CompositeHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * History stays at level {@code full} — activities, tasks, every variable a model or a form decides with and each of
 * its values, decisions, the job log, identity links, user operations — without the engine's own bookkeeping, which
 * says nothing the rest of the history does not:
 * <ul>
 * <li>the counters of a multi-instance activity ({@code nrOfInstances}, {@code nrOfActiveInstances},
 * {@code nrOfCompletedInstances}, {@code loopCounter}): the parts themselves are activity instances;</li>
 * <li>the task-local copies for Tasklist's list columns ({@link TaskListColumns}): copies of process variables whose
 * history is kept;</li>
 * <li>the form-property details of a submitted form: each submitted field is already a variable update, with its
 * task's activity instance, and the submission a user operation;</li>
 * <li>generation 2: the activity instances of the deadline ladder ({@value #LADDER}): its timer waiting for a
 * deadline's next step, the step and its gateways. Each step is recorded where the business reads it — the escalation,
 * the timeline, the deadline's own events — and its firing in the job log (which node, when); the ladder instance
 * itself (started, ended, what it watched) stays in history. Six history statements fewer for every step of a
 * deadline storm. (Generation 3 has no such activities: the ladder is one task of its caller, whose one activity
 * instance — entered, left — stays in history like any other.);</li>
 * <li>the log of a task's identity links ({@code act_hi_identitylink}: candidate group added, assignee added, each
 * removed; two rows per task of a closed complaint, nine indexes each), unless
 * {@link HistoryProperties#identityLinks()}: who claimed or was given a task is in the user operation log (claim,
 * assign, with the user who did it) and in the task's history (its assignee); a candidate group comes from the model
 * (a department's from its part), and one an escalation adds is in the escalation's row. Runtime identity links,
 * which Tasklist and the grants read, are unchanged;</li>
 * <li>the job log's entry that the ladder's next job ({@value #LADDER_JOB}, generation 3) or timer (generation 2)
 * was created: the deadline states when its next step is due, and the entry of the job's firing (or failure) is
 * kept.</li>
 * </ul>
 * Every event of such a variable is left out (created, updated, deleted, migrated), so its history is absent rather
 * than half there. Runtime is unchanged: the variables exist while the process runs.
 * <p>
 * The variables' value details ({@code act_hi_detail}, type {@code VariableUpdate}: one row per write of a variable,
 * with a byte array for a JSON value) are left out unless {@link HistoryProperties#variableDetails()}: each variable
 * keeps its history row ({@code act_hi_varinst}: created, last value, deleted) and the steps that wrote it (activity,
 * task, user operation, timeline), not each earlier value. That is the engine's own {@code DbHistoryEventHandler}
 * with its detail switched off rather than a custom history level: the database stays at level {@code full} (id 3),
 * so a database created by an earlier version starts unchanged, and a node of an earlier version still starts on it
 * (a level of another id would make the engine refuse either).
 */
@Component
public class HistoryWithoutPlumbing extends AbstractProcessEnginePlugin {

    /** The engine's multi-instance counters. */
    static final Set<String> MULTI_INSTANCE = Set.of("nrOfInstances", "nrOfActiveInstances",
            "nrOfCompletedInstances", "loopCounter");

    /** The deadline ladder's process key (sla/DeadlineTimers.LADDER; the engine package does not see sla). */
    static final String LADDER = "deadline-ladder";

    /** The handler type of generation 3's ladder job (sla/DeadlineTimers.LADDER_JOB). */
    static final String LADDER_JOB = "deadline-ladder-step";

    private final HistoryProperties properties;
    private final StartTimes starts = new StartTimes(StartTimes.CAPACITY);

    public HistoryWithoutPlumbing(HistoryProperties properties) {
        this.properties = properties;
    }

    /** The start times this node remembers for the ends it writes. */
    StartTimes startTimes() {
        return starts;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        HistoryEventHandler handler = configuration.getHistoryEventHandler();
        if (!properties.variableDetails() && configuration.isEnableDefaultDbHistoryEventHandler()) {
            // the engine's composite: the custom handlers, then its database handler — the same, ours last
            List<HistoryEventHandler> handlers = new ArrayList<>();
            if (configuration.getCustomHistoryEventHandlers() != null) {
                handlers.addAll(configuration.getCustomHistoryEventHandlers());
            }
            handlers.add(new WithoutVariableDetails(starts));
            handler = new CompositeHistoryEventHandler(handlers);
        }
        configuration.setHistoryEventHandler(new Filter(handler, properties.identityLinks()));
    }

    /**
     * The engine's database handler, writing a variable's history row but not a detail row per value it takes; and
     * an update of an activity, task or process instance (a claim: assignee; a submission: the task's update) without
     * reading the row's start time first. The engine reads it before every later event of a scope not yet in the
     * command's cache, but only an end uses it (its duration; no update statement writes the start time): a claim read
     * it twice for nothing. An end in the same command after such an update, whose start is then not known, reads it
     * as the engine would have.
     * <p>
     * An end of a scope this node started in an earlier command (a user task, a call activity, a subprocess, a process
     * instance: twelve per closed complaint) takes its start time from {@link StartTimes} instead of a select — a start
     * time never changes once written. A scope started on another node, before a restart or longer ago than the memory
     * holds is read as before.
     */
    static final class WithoutVariableDetails extends DbHistoryEventHandler {

        private final StartTimes starts;

        WithoutVariableDetails(StartTimes starts) {
            this.starts = starts;
        }

        @Override
        protected void insertOrUpdate(HistoryEvent event) {
            if (event.getId() != null && event instanceof HistoricScopeInstanceEvent scope) {
                if (isInitialEvent(event)) {
                    super.insertOrUpdate(event);
                    starts.started(event, scope.getStartTime());
                    return;
                }
                DbEntityManager entities = getDbEntityManager();
                Object cached = entities.getCachedEntity(event.getClass(), event.getId());
                if (cached == null && scope.getEndTime() == null) {
                    entities.merge(event);
                    return;
                }
                Date start = scope.getEndTime() == null ? null : starts.ended(event);
                if (cached == null && start != null) {
                    scope.setStartTime(start);
                    entities.merge(event);
                    return;
                }
                if (cached == event && scope.getEndTime() != null && scope.getStartTime() == null) {
                    if (start != null) {
                        scope.setStartTime(start);
                        return;
                    }
                    DbSqlSession sql = Context.getCommandContext().getDbSqlSession();
                    Object stored = sql.selectOne(sql.getDbSqlSessionFactory().getSelectStatement(event.getClass()),
                            event.getId());
                    if (stored instanceof HistoricScopeInstanceEvent row) {
                        scope.setStartTime(row.getStartTime());
                    }
                    return;
                }
            }
            super.insertOrUpdate(event);
        }

        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity historyEvent) {
            return false;
        }
    }

    /** Whether the event is bookkeeping that history does not keep. */
    static boolean plumbing(HistoryEvent event) {
        if (event instanceof HistoricFormPropertyEventEntity) {
            return true;
        }
        if (event instanceof HistoricActivityInstanceEventEntity activity) {
            return LADDER.equals(activity.getProcessDefinitionKey());
        }
        if (event instanceof HistoricJobLogEvent job) {
            return job.getState() == JobState.CREATED.getStateCode() && (LADDER_JOB.equals(job.getJobDefinitionType())
                    || LADDER.equals(job.getProcessDefinitionKey()));
        }
        if (event instanceof HistoricVariableUpdateEventEntity variable) {
            String name = variable.getVariableName();
            return MULTI_INSTANCE.contains(name)
                    || variable.getTaskId() != null && TaskListColumns.COLUMNS.containsValue(name);
        }
        return false;
    }

    /** Passes every other event on to the handlers the engine was built with (the database's and ours). */
    static final class Filter implements HistoryEventHandler {

        private final HistoryEventHandler next;
        private final boolean identityLinks;

        Filter(HistoryEventHandler next, boolean identityLinks) {
            this.next = next;
            this.identityLinks = identityLinks;
        }

        boolean kept(HistoryEvent event) {
            return !plumbing(event) && (identityLinks || !(event instanceof HistoricIdentityLinkLogEventEntity));
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (kept(event)) {
                next.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            List<HistoryEvent> kept = events.stream().filter(this::kept).toList();
            if (!kept.isEmpty()) {
                next.handleEvents(kept);
            }
        }
    }
}
