package io.complaintflow.sla;

import io.complaintflow.complaint.BusinessClock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The link between deadlines and the timers that watch them. Since model generation 2 every deadline is watched by a
 * {@code deadline-ladder} instance holding one timer for the next step of its deadlines; when a deadline moves (pause,
 * resume, extension) or a watched deadline is met, that timer is re-dated here. Instances of generation 1 (boundary
 * timers fed by {@code <prefix>WarningAt/DueAt/Level2At} variables) finish on their version and keep their own way.
 */
@Component
public class DeadlineTimers {

    public static final String LADDER = "deadline-ladder";
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
     * Re-dates the timer of every running ladder of the case to the next step of its deadlines: after a pause (parked),
     * a resume or an extension (the points moved), or a met deadline that the ladder no longer needs to wait for.
     */
    public void rearm(String caseNumber) {
        List<ProcessInstance> ladders = runtime.createProcessInstanceQuery().processDefinitionKey(LADDER)
                .processInstanceBusinessKey(caseNumber).list();
        if (ladders.isEmpty()) {
            return;
        }
        Map<String, Deadline> all = deadlines.all(caseNumber).stream()
                .collect(Collectors.toMap(Deadline::name, Function.identity()));
        for (ProcessInstance ladder : ladders) {
            Job timer = management.createJobQuery().processInstanceId(ladder.getId()).timers().singleResult();
            if (timer == null) {
                continue; // the ladder is taking a step right now and plans its next timer itself
            }
            List<Deadline> watched = watched((String) runtime.getVariable(ladder.getId(), CLOCKS)).stream()
                    .map(all::get).filter(c -> c != null).toList();
            Date due = Date.from(nextAt(watched, now.now()));
            if (!due.equals(timer.getDuedate())) {
                management.setJobDuedate(timer.getId(), due);
            }
        }
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
