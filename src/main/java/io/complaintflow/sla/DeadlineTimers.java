package io.complaintflow.sla;

import io.complaintflow.complaint.BusinessClock;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The link between deadlines and the timers that watch them. Since model generation 3 every deadline group is watched by
 * the ladder task of its caller (时限阶梯, a wait state) holding one job of its own kind ({@link #LADDER_JOB}) for the
 * next step of its deadlines; instances of generation 2 watch them with a {@code deadline-ladder} instance holding one
 * timer, and finish on their version. When a deadline moves (pause, resume, extension) or a watched deadline is met,
 * that job or timer is re-dated here ({@link #rearm}). Instances of generation 1 (boundary timers fed by
 * {@code <prefix>WarningAt/DueAt/Level2At} variables) finish on their version and keep their own way.
 */
@Component
public class DeadlineTimers {

    /** Generation 2: the ladder's process key. */
    public static final String LADDER = "deadline-ladder";
    /** Generation 3: the handler type of the ladder's one job (a timer job; its configuration is a {@link LadderWatch}). */
    public static final String LADDER_JOB = "deadline-ladder-step";
    /** The ladder's job (and generation 2's timer) is taken before the lifecycle's steps (50) and mails (0). */
    public static final int LADDER_PRIORITY = 100;
    /** The ladder's input: the deadlines it watches, comma-separated. */
    public static final String CLOCKS = "clocks";
    /** A ladder whose deadlines all stand still waits for this date until they resume. */
    public static final Instant PARKED = Instant.parse("9999-12-31T00:00:00Z");

    /** Generation 1: timer event id → the deadline point it waits for ("department": the department of that instance). */
    static final Map<String, Watch> WATCHES = Map.ofEntries(
            Map.entry("Event_FirstResponseWarning", new Watch(Deadline.FIRST_RESPONSE, Deadline::warningAt)),
            Map.entry("Event_FirstResponseOverdue", new Watch(Deadline.FIRST_RESPONSE, Deadline::targetAt)),
            Map.entry("Event_ResolutionWarning", new Watch(Deadline.RESOLUTION, Deadline::warningAt)),
            Map.entry("Event_ResolutionOverdue", new Watch(Deadline.RESOLUTION, Deadline::targetAt)),
            Map.entry("Event_ResolutionLevel2", new Watch(Deadline.RESOLUTION, Deadline::level2At)),
            Map.entry("Event_RegulatorReplyWarning", new Watch(Deadline.REGULATOR_REPLY, Deadline::warningAt)),
            Map.entry("Event_RegulatorReplyOverdue", new Watch(Deadline.REGULATOR_REPLY, Deadline::targetAt)),
            Map.entry("Event_RegulatorReplyLevel2", new Watch(Deadline.REGULATOR_REPLY, Deadline::level2At)),
            Map.entry("Event_DepartmentWarning", new Watch("department", Deadline::warningAt)),
            Map.entry("Event_DepartmentOverdue", new Watch("department", Deadline::targetAt)),
            Map.entry("Event_DepartmentLevel2", new Watch("department", Deadline::level2At)));

    private final DeadlineRepository deadlines;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final BusinessClock now;

    public DeadlineTimers(DeadlineRepository deadlines, RuntimeService runtime, ManagementService management,
                       BusinessClock now) {
        this.deadlines = deadlines;
        this.runtime = runtime;
        this.management = management;
        this.now = now;
    }

    /** The deadline names a ladder watches. */
    public static List<String> watched(String deadlinesVariable) {
        return deadlinesVariable == null ? List.of()
                : Arrays.stream(deadlinesVariable.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether any of the deadlines still has a step of its ladder to take (paused deadlines included). */
    public static boolean climbing(List<Deadline> watched) {
        return watched.stream().anyMatch(Deadline::climbing);
    }

    /** When the ladder of these deadlines is due next: the earliest next step of a running deadline. */
    public static Instant nextAt(List<Deadline> watched, Instant now) {
        List<Deadline> climbing = watched.stream().filter(Deadline::climbing).toList();
        if (climbing.isEmpty()) {
            return now; // nothing left: the ladder ends as soon as it looks
        }
        return climbing.stream().filter(c -> c.state() != DeadlineState.PAUSED).map(Deadline::nextStepAt)
                .min(Instant::compareTo).orElse(PARKED);
    }

    /** The watched deadlines of a case, in the order named. */
    public List<Deadline> of(String caseNumber, List<String> names) {
        Map<String, Deadline> all = deadlines.all(caseNumber).stream()
                .collect(Collectors.toMap(Deadline::name, Function.identity()));
        return names.stream().map(all::get).filter(c -> c != null).toList();
    }

    /**
     * Re-dates the job (generation 2: the timer) of every running ladder of the case to the next step of its
     * deadlines: after a pause (parked), a resume or an extension (the points moved), or a met deadline that the
     * ladder no longer needs to wait for.
     */
    public void rearm(String caseNumber) {
        List<LadderTimer> ladders = ladders(caseNumber);
        if (ladders.isEmpty()) {
            return;
        }
        Map<String, Deadline> all = deadlines.all(caseNumber).stream()
                .collect(Collectors.toMap(Deadline::name, Function.identity()));
        for (LadderTimer ladder : ladders) {
            List<Deadline> watched = ladder.deadlines().stream().map(all::get).filter(c -> c != null).toList();
            Date due = Date.from(nextAt(watched, now.now()));
            if (!due.equals(ladder.due())) {
                management.setJobDuedate(ladder.jobId(), due);
            }
        }
    }

    /**
     * The waiting job of every running ladder of the case, both generations: the ladder tasks' jobs (3) and the
     * ladder instances' timers (2). A ladder taking a step right now is included as long as its job runs (generation 3)
     * and left out (generation 2: it plans its next timer itself).
     */
    public List<LadderTimer> ladders(String caseNumber) {
        CommandContext command = Context.getCommandContext();
        if (command != null && !command.isAuthorizationCheckEnabled()) {
            return laddersInCommand(command, caseNumber);
        }
        Set<String> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).list()
                .stream().map(ProcessInstance::getId).collect(Collectors.toSet());
        if (instances.isEmpty()) {
            return List.of();
        }
        List<LadderTimer> ladders = new ArrayList<>();
        for (Job job : management.createJobQuery().processInstanceIds(instances).timers().list()) {
            if (job instanceof JobEntity entity && LADDER_JOB.equals(entity.getJobHandlerType())) {
                ladders.add(new LadderTimer(job.getId(), job.getDuedate(), job.getExecutionId(),
                        LadderWatch.parse(entity.getJobHandlerConfigurationRaw()).deadlines()));
            } else if (LADDER.equals(job.getProcessDefinitionKey())) {
                ladders.add(new LadderTimer(job.getId(), job.getDuedate(), job.getExecutionId(),
                        watched((String) runtime.getVariable(job.getProcessInstanceId(), CLOCKS))));
            }
        }
        return ladders;
    }

    /**
     * {@link #ladders} from a listener or delegate (the engine checks no grants in custom code): the same timers of
     * the case's process instances as one plain statement on the command's connection, not a process-instance query and
     * a job query (each MyBatis' dynamic SQL and a command of its own). As the engine's queries would, a job this
     * command already holds is taken as the command holds it (a due date changed in memory); a job it created and has
     * not flushed is seen by neither.
     */
    private List<LadderTimer> laddersInCommand(CommandContext command, String caseNumber) {
        String prefix = command.getProcessEngineConfiguration().getDatabaseTablePrefix();
        String sql = LADDERS_SQL.replace("${prefix}", prefix == null ? "" : prefix);
        List<LadderTimer> ladders = new ArrayList<>();
        try (PreparedStatement statement = command.getDbSqlSession().getSqlSession().getConnection()
                .prepareStatement(sql)) {
            statement.setString(1, caseNumber);
            statement.setString(2, LADDER_JOB);
            statement.setString(3, LADDER);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    JobEntity held = command.getDbEntityManager().getCachedEntity(JobEntity.class, id);
                    Date due = held != null ? held.getDuedate() : date(rows.getTimestamp(2));
                    String executionId = held != null ? held.getExecutionId() : rows.getString(3);
                    if (LADDER_JOB.equals(rows.getString(5))) {
                        ladders.add(new LadderTimer(id, due, executionId, LadderWatch.parse(
                                held != null ? held.getJobHandlerConfigurationRaw() : rows.getString(6)).deadlines()));
                    } else {
                        ladders.add(new LadderTimer(id, due, executionId,
                                watched((String) runtime.getVariable(rows.getString(4), CLOCKS))));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ladders of " + caseNumber, e);
        }
        return ladders;
    }

    /** The timers of the case's process instances (business key, top-level executions) that are a ladder's. */
    private static final String LADDERS_SQL = """
            select j.ID_, j.DUEDATE_, j.EXECUTION_ID_, j.PROCESS_INSTANCE_ID_, j.HANDLER_TYPE_, j.HANDLER_CFG_
            from ${prefix}ACT_RU_JOB j join ${prefix}ACT_RU_EXECUTION p on p.ID_ = j.PROCESS_INSTANCE_ID_
            where p.BUSINESS_KEY_ = ? and p.PARENT_ID_ is null and j.TYPE_ = 'timer'
              and (j.HANDLER_TYPE_ = ? or j.PROCESS_DEF_KEY_ = ?)
            order by j.ID_""";

    private static Date date(Timestamp at) {
        return at == null ? null : new Date(at.getTime());
    }

    /** A ladder's waiting job: when it is due, the execution it belongs to, the deadlines it watches. */
    public record LadderTimer(String jobId, Date due, String executionId, List<String> deadlines) {
    }

    /** Generation 1: a deadline's points as the variables {@code <prefix>WarningAt}, {@code DueAt}, {@code Level2At}. */
    public static Map<String, Object> points(Deadline deadline, String prefix) {
        return Map.of(prefix + "WarningAt", Date.from(deadline.warningAt()), prefix + "DueAt", Date.from(deadline.targetAt()),
                prefix + "Level2At", Date.from(deadline.level2At()));
    }

    /** Generation 1: moves every scheduled boundary timer of the case to its deadline's current points. */
    public void reschedule(String caseNumber) {
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .list()) {
            for (Job job : management.createJobQuery().processInstanceId(instance.getId()).timers().list()) {
                if (job.getJobDefinitionId() == null) {
                    continue; // a ladder task's job (generation 3) has no definition: rearm re-dates it
                }
                Watch watch = WATCHES.get(activityOf(job));
                if (watch == null) {
                    continue;
                }
                String deadlineName = watch.deadline().equals("department")
                        ? Deadline.department((String) runtime.getVariable(instance.getId(), "department"))
                        : watch.deadline();
                deadlines.find(caseNumber, deadlineName).ifPresent(c -> {
                    management.setJobDuedate(job.getId(), Date.from(watch.point().apply(c)));
                    runtime.setVariables(instance.getId(), points(c, prefixOf(deadlineName)));
                });
            }
        }
    }

    private String activityOf(Job job) {
        return management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
                .getActivityId();
    }

    static String prefixOf(String deadlineName) {
        return switch (deadlineName) {
            case Deadline.FIRST_RESPONSE -> "firstResponse";
            case Deadline.RESOLUTION -> "resolution";
            case Deadline.REGULATOR_REPLY -> "regulatorReply";
            default -> "department";
        };
    }

    record Watch(String deadline, Function<Deadline, Instant> point) {
    }
}
