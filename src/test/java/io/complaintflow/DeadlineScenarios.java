package io.complaintflow;

import io.complaintflow.notification.MailDispatcher;
import io.complaintflow.sla.Clock;
import io.complaintflow.sla.ClockRepository;
import io.complaintflow.sla.ClockTimers;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.test.context.TestComponent;

/**
 * Moves the engine clock and fires the timers that watch a complaint's deadlines, as time passing would. Each
 * deadline is watched by a deadline ladder holding one timer for its next step; the ids of the boundary timers the
 * models had before the ladder still name those steps here ({@link #STEPS}).
 */
@TestComponent
public class DeadlineScenarios {

    /** Timer id of generation 1 → the clock ("department": the case's department clock) and ladder step it meant. */
    public static final Map<String, Step> STEPS = Map.ofEntries(
            Map.entry("Event_FirstResponseWarning", new Step(Clock.FIRST_RESPONSE, 0)),
            Map.entry("Event_FirstResponseOverdue", new Step(Clock.FIRST_RESPONSE, 1)),
            Map.entry("Event_ResolutionWarning", new Step(Clock.RESOLUTION, 0)),
            Map.entry("Event_ResolutionOverdue", new Step(Clock.RESOLUTION, 1)),
            Map.entry("Event_ResolutionLevel2", new Step(Clock.RESOLUTION, 2)),
            Map.entry("Event_RegulatorReplyWarning", new Step(Clock.REGULATOR_REPLY, 0)),
            Map.entry("Event_RegulatorReplyOverdue", new Step(Clock.REGULATOR_REPLY, 1)),
            Map.entry("Event_RegulatorReplyLevel2", new Step(Clock.REGULATOR_REPLY, 2)),
            Map.entry("Event_DepartmentWarning", new Step("department", 0)),
            Map.entry("Event_DepartmentOverdue", new Step("department", 1)),
            Map.entry("Event_DepartmentLevel2", new Step("department", 2)));

    private final ManagementService management;
    private final RuntimeService runtime;
    private final ClockRepository clocks;
    private final MailDispatcher mails;

    public DeadlineScenarios(ManagementService management, RuntimeService runtime, ClockRepository clocks,
                             MailDispatcher mails) {
        this.management = management;
        this.runtime = runtime;
        this.clocks = clocks;
        this.mails = mails;
    }

    public static void now(String instant) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
    }

    /**
     * The scheduled timer of this timer event among the case's processes, or null. For a ladder step (an id of
     * {@link #STEPS}): the timer of the ladder watching that clock while the step is still ahead.
     */
    public Job timer(String caseNumber, String activityId) {
        Step step = STEPS.get(activityId);
        if (step != null) {
            String clock = clockName(caseNumber, step.clock());
            Clock c = clock == null ? null : clocks.find(caseNumber, clock).orElse(null);
            return c == null || c.ladderStep() > step.step() ? null : ladderTimer(caseNumber, clock);
        }
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .list()) {
            List<Job> jobs = management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
                    .timers().list();
            if (!jobs.isEmpty()) {
                return jobs.get(0);
            }
        }
        return null;
    }

    /**
     * Lets time run to the timer's due date and fires it. For a ladder step: the ladder watching the clock fires
     * until that step has been taken (the steps before it, on any clock the ladder watches, come due first).
     */
    public void fire(String caseNumber, String activityId) {
        Step step = STEPS.get(activityId);
        if (step != null) {
            climb(caseNumber, clockName(caseNumber, step.clock()), step.step());
            return;
        }
        Job job = timer(caseNumber, activityId);
        if (job == null) {
            throw new AssertionError("no timer " + activityId + " scheduled for " + caseNumber);
        }
        ClockUtil.setCurrentTime(job.getDuedate());
        management.executeJob(job.getId());
    }

    /** The one timer of the deadline ladder that watches the clock, or null. */
    public Job ladderTimer(String caseNumber, String clock) {
        ProcessInstance ladder = ladder(caseNumber, clock);
        return ladder == null ? null
                : management.createJobQuery().processInstanceId(ladder.getId()).timers().singleResult();
    }

    /** The running ladder instance watching the clock, or null. */
    public ProcessInstance ladder(String caseNumber, String clock) {
        for (ProcessInstance ladder : runtime.createProcessInstanceQuery().processDefinitionKey(ClockTimers.LADDER)
                .processInstanceBusinessKey(caseNumber).list()) {
            if (ClockTimers.watched((String) runtime.getVariable(ladder.getId(), ClockTimers.CLOCKS)).contains(clock)) {
                return ladder;
            }
        }
        return null;
    }

    /** Fires the ladder watching the clock, time running to each of its timers, until the clock's step is taken. */
    public void climb(String caseNumber, String clock, int step) {
        for (int fired = 0; clocks.find(caseNumber, clock).orElseThrow().ladderStep() <= step; fired++) {
            Job job = ladderTimer(caseNumber, clock);
            if (job == null || fired > 8) {
                throw new AssertionError("the ladder of " + clock + " of " + caseNumber + " does not reach step " + step
                        + (job == null ? ": no ladder timer" : ""));
            }
            if (job.getDuedate().toInstant().equals(ClockTimers.PARKED)) {
                throw new AssertionError("the ladder of " + clock + " of " + caseNumber + " is parked (clock paused)");
            }
            ClockUtil.setCurrentTime(job.getDuedate());
            management.executeJob(job.getId());
        }
    }

    private String clockName(String caseNumber, String clock) {
        if (!"department".equals(clock)) {
            return clock;
        }
        return clocks.all(caseNumber).stream().map(Clock::name).filter(n -> n.startsWith("DEPARTMENT:")).findFirst()
                .orElse(null);
    }

    /** Sends the case's queued mails now (what the mail dispatcher does when they are due); how many. */
    public int sendMails(String caseNumber) {
        return mails.dispatch(caseNumber).sent();
    }

    public record Step(String clock, int step) {
    }
}
