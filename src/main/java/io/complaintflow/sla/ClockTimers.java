package io.complaintflow.sla;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The link between clocks and the timer events that watch them in the models: which variables feed a
 * timer's date, and moving already-scheduled timers when a clock's deadline moves (pause, extension).
 */
@Component
public class ClockTimers {

    /** Timer event id → the clock point it waits for ("department" is the department of that instance). */
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

    private final ClockService clocks;
    private final RuntimeService runtime;
    private final ManagementService management;

    public ClockTimers(ClockService clocks, RuntimeService runtime, ManagementService management) {
        this.clocks = clocks;
        this.runtime = runtime;
        this.management = management;
    }

    /** Puts a clock's points into variables {@code <prefix>WarningAt}, {@code DueAt}, {@code Level2At}. */
    public static void expose(Clock clock, String prefix, VariableScope scope) {
        scope.setVariable(prefix + "WarningAt", Date.from(clock.warningAt()));
        scope.setVariable(prefix + "DueAt", Date.from(clock.targetAt()));
        scope.setVariable(prefix + "Level2At", Date.from(clock.level2At()));
    }

    /** Moves every scheduled watch timer of the case to its clock's current points. */
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
                    expose(c, prefixOf(clockName), runtime, instance.getId());
                });
            }
        }
    }

    private String activityOf(Job job) {
        return management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
                .getActivityId();
    }

    private static String prefixOf(String clockName) {
        return switch (clockName) {
            case Clock.FIRST_RESPONSE -> "firstResponse";
            case Clock.RESOLUTION -> "resolution";
            case Clock.REGULATOR_REPLY -> "regulatorReply";
            default -> "department";
        };
    }

    private static void expose(Clock clock, String prefix, RuntimeService runtime, String instanceId) {
        runtime.setVariable(instanceId, prefix + "WarningAt", Date.from(clock.warningAt()));
        runtime.setVariable(instanceId, prefix + "DueAt", Date.from(clock.targetAt()));
        runtime.setVariable(instanceId, prefix + "Level2At", Date.from(clock.level2At()));
    }

    record Watch(String clock, Function<Clock, Instant> point) {
    }
}
