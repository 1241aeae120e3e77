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
 * The link between clocks and the timers that watch them. Since model generation 2 every deadline is watched by a
 * {@code deadline-ladder} instance holding one timer for the next step of its clocks; when a deadline moves (pause,
 * resume, extension) or a watched clock is met, that timer is re-dated here. Instances of generation 1 (boundary
 * timers fed by {@code <prefix>WarningAt/DueAt/Level2At} variables) finish on their version and keep their own way.
 */
@Component
public class ClockTimers {

    public static final String LADDER = "deadline-ladder";
    /** The ladder's input: the clocks it watches, comma-separated. */
    public static final String CLOCKS = "clocks";
    /** A ladder whose clocks all stand still waits for this date until they resume. */
    public static final Instant PARKED = Instant.parse("9999-12-31T00:00:00Z");

    /** Generation 1: timer event id → the clock point it waits for ("department": the department of that instance). */
    static final Map<String, Watch> WATCHES = Map.ofEntries(
            Map.entry("Event_FirstResponseWarning", new Watch(Clock.FIRST_RESPONSE, Clock::warningAt)),
            Map.entry("Event_FirstResponseOverdue", new Watch(Clock.FIRST_RESPONSE, Clock::targetAt)),
            Map.entry("Event_ResolutionWarning", new Watch(Clock.RESOLUTION, Clock::warningAt)),
            Map.entry("Event_ResolutionOverdue", new Watch(Clock.RESOLUTION, Clock::targetAt)),
            Map.entry("Event_ResolutionLevel2", new Watch(Clock.RESOLUTION, Clock::level2At)),
            Map.entry("Event_RegulatorReplyWarning", new Watch(Clock.REGULATOR_REPLY, Clock::warningAt)),
            Map.entry("Event_RegulatorReplyOverdue", new Watch(Clock.REGULATOR_REPLY, Clock::targetAt)),
            Map.entry("Event_RegulatorReplyLevel2", new Watch(Clock.REGULATOR_REPLY, Clock::level2At)),
            Map.entry("Event_DepartmentWarning", new Watch("department", Clock::warningAt)),
            Map.entry("Event_DepartmentOverdue", new Watch("department", Clock::targetAt)),
            Map.entry("Event_DepartmentLevel2", new Watch("department", Clock::level2At)));

    private final ClockRepository clocks;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final BusinessClock now;

    public ClockTimers(ClockRepository clocks, RuntimeService runtime, ManagementService management,
                       BusinessClock now) {
        this.clocks = clocks;
        this.runtime = runtime;
        this.management = management;
        this.now = now;
    }

    /** The clock names a ladder watches. */
    public static List<String> watched(String clocksVariable) {
        return clocksVariable == null ? List.of()
                : Arrays.stream(clocksVariable.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether any of the clocks still has a step of its ladder to take (paused clocks included). */
    public static boolean climbing(List<Clock> watched) {
        return watched.stream().anyMatch(Clock::climbing);
    }

    /** When the ladder of these clocks is due next: the earliest next step of a running clock. */
    public static Instant nextAt(List<Clock> watched, Instant now) {
        List<Clock> climbing = watched.stream().filter(Clock::climbing).toList();
        if (climbing.isEmpty()) {
            return now; // nothing left: the ladder ends as soon as it looks
        }
        return climbing.stream().filter(c -> c.state() != ClockState.PAUSED).map(Clock::nextStepAt)
                .min(Instant::compareTo).orElse(PARKED);
    }

    /** The watched clocks of a case, in the order named. */
    public List<Clock> of(String caseNumber, List<String> names) {
        Map<String, Clock> all = clocks.all(caseNumber).stream()
                .collect(Collectors.toMap(Clock::name, Function.identity()));
        return names.stream().map(all::get).filter(c -> c != null).toList();
    }

    /**
     * Re-dates the timer of every running ladder of the case to the next step of its clocks: after a pause (parked),
     * a resume or an extension (the points moved), or a met clock that the ladder no longer needs to wait for.
     */
    public void rearm(String caseNumber) {
        List<ProcessInstance> ladders = runtime.createProcessInstanceQuery().processDefinitionKey(LADDER)
                .processInstanceBusinessKey(caseNumber).list();
        if (ladders.isEmpty()) {
            return;
        }
        Map<String, Clock> all = clocks.all(caseNumber).stream()
                .collect(Collectors.toMap(Clock::name, Function.identity()));
        for (ProcessInstance ladder : ladders) {
            Job timer = management.createJobQuery().processInstanceId(ladder.getId()).timers().singleResult();
            if (timer == null) {
                continue; // the ladder is taking a step right now and plans its next timer itself
            }
            List<Clock> watched = watched((String) runtime.getVariable(ladder.getId(), CLOCKS)).stream()
                    .map(all::get).filter(c -> c != null).toList();
            Date due = Date.from(nextAt(watched, now.now()));
            if (!due.equals(timer.getDuedate())) {
                management.setJobDuedate(timer.getId(), due);
            }
        }
    }

    /** Generation 1: a clock's points as the variables {@code <prefix>WarningAt}, {@code DueAt}, {@code Level2At}. */
    public static Map<String, Object> points(Clock clock, String prefix) {
        return Map.of(prefix + "WarningAt", Date.from(clock.warningAt()), prefix + "DueAt", Date.from(clock.targetAt()),
                prefix + "Level2At", Date.from(clock.level2At()));
    }

    /** Generation 1: moves every scheduled boundary timer of the case to its clock's current points. */
    public void reschedule(String caseNumber) {
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .list()) {
            for (Job job : management.createJobQuery().processInstanceId(instance.getId()).timers().list()) {
                Watch watch = WATCHES.get(activityOf(job));
                if (watch == null) {
                    continue;
                }
                String clockName = watch.clock().equals("department")
                        ? Clock.department((String) runtime.getVariable(instance.getId(), "department"))
                        : watch.clock();
                clocks.find(caseNumber, clockName).ifPresent(c -> {
                    management.setJobDuedate(job.getId(), Date.from(watch.point().apply(c)));
                    runtime.setVariables(instance.getId(), points(c, prefixOf(clockName)));
                });
            }
        }
    }

    private String activityOf(Job job) {
        return management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
                .getActivityId();
    }

    static String prefixOf(String clockName) {
        return switch (clockName) {
            case Clock.FIRST_RESPONSE -> "firstResponse";
            case Clock.RESOLUTION -> "resolution";
            case Clock.REGULATOR_REPLY -> "regulatorReply";
            default -> "department";
        };
    }

    record Watch(String clock, Function<Clock, Instant> point) {
    }
}
