package io.complaintflow;

import io.complaintflow.notification.MailDispatcher;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineRepository;
import io.complaintflow.sla.DeadlineTimers;
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
 * deadline is watched by a deadline ladder holding one job for its next step — the ladder task's job (generation 3)
 * or the ladder instance's timer (generation 2), found alike ({@link DeadlineTimers#ladders}); the ids of the boundary
 * timers the models had before the ladder still name those steps here ({@link #STEPS}).
 */
@TestComponent
public class DeadlineScenarios {

    /** Timer id of generation 1 → the deadline ("department": the case's department deadline) and ladder step it meant. */
    public static final Map<String, Step> STEPS = Map.ofEntries(
            Map.entry("Event_FirstResponseWarning", new Step(Deadline.FIRST_RESPONSE, 0)),
            Map.entry("Event_FirstResponseOverdue", new Step(Deadline.FIRST_RESPONSE, 1)),
            Map.entry("Event_ResolutionWarning", new Step(Deadline.RESOLUTION, 0)),
            Map.entry("Event_ResolutionOverdue", new Step(Deadline.RESOLUTION, 1)),
            Map.entry("Event_ResolutionLevel2", new Step(Deadline.RESOLUTION, 2)),
            Map.entry("Event_RegulatorReplyWarning", new Step(Deadline.REGULATOR_REPLY, 0)),
            Map.entry("Event_RegulatorReplyOverdue", new Step(Deadline.REGULATOR_REPLY, 1)),
            Map.entry("Event_RegulatorReplyLevel2", new Step(Deadline.REGULATOR_REPLY, 2)),
            Map.entry("Event_DepartmentWarning", new Step("department", 0)),
            Map.entry("Event_DepartmentOverdue", new Step("department", 1)),
            Map.entry("Event_DepartmentLevel2", new Step("department", 2)));

    private final ManagementService management;
    private final RuntimeService runtime;
    private final DeadlineRepository deadlines;
    private final MailDispatcher mails;
    private final DeadlineTimers timers;

    public DeadlineScenarios(ManagementService management, RuntimeService runtime, DeadlineRepository deadlines,
                             MailDispatcher mails, DeadlineTimers timers) {
        this.management = management;
        this.runtime = runtime;
        this.deadlines = deadlines;
        this.mails = mails;
        this.timers = timers;
    }

    public static void now(String instant) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
    }

    /**
     * The scheduled timer of this timer event among the case's processes, or null. For a ladder step (an id of
     * {@link #STEPS}): the timer of the ladder watching that deadline while the step is still ahead.
     */
    public Job timer(String caseNumber, String activityId) {
        Step step = STEPS.get(activityId);
        if (step != null) {
            String deadline = deadlineName(caseNumber, step.deadline());
            Deadline c = deadline == null ? null : deadlines.find(caseNumber, deadline).orElse(null);
            return c == null || c.ladderStep() > step.step() ? null : ladderTimer(caseNumber, deadline);
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
     * Lets time run to the timer's due date and fires it. For a ladder step: the ladder watching the deadline fires
     * until that step has been taken (the steps before it, on any deadline the ladder watches, come due first).
     */
    public void fire(String caseNumber, String activityId) {
        Step step = STEPS.get(activityId);
        if (step != null) {
            climb(caseNumber, deadlineName(caseNumber, step.deadline()), step.step());
            return;
        }
        Job job = timer(caseNumber, activityId);
        if (job == null) {
            throw new AssertionError("no timer " + activityId + " scheduled for " + caseNumber);
        }
        ClockUtil.setCurrentTime(job.getDuedate());
        management.executeJob(job.getId());
    }

    /** The one job of the deadline ladder that watches the deadline (either generation), or null. */
    public Job ladderTimer(String caseNumber, String deadline) {
        return timers.ladders(caseNumber).stream().filter(ladder -> ladder.deadlines().contains(deadline)).findFirst()
                .map(ladder -> management.createJobQuery().jobId(ladder.jobId()).singleResult()).orElse(null);
    }

    /** Generation 2: the running ladder instance watching the deadline, or null. */
    public ProcessInstance ladder(String caseNumber, String deadline) {
        for (ProcessInstance ladder : runtime.createProcessInstanceQuery().processDefinitionKey(DeadlineTimers.LADDER)
                .processInstanceBusinessKey(caseNumber).list()) {
            if (DeadlineTimers.watched((String) runtime.getVariable(ladder.getId(), DeadlineTimers.CLOCKS)).contains(deadline)) {
                return ladder;
            }
        }
        return null;
    }

    /** Fires the ladder watching the deadline, time running to each of its timers, until the deadline's step is taken. */
    public void climb(String caseNumber, String deadline, int step) {
        List<String> firedAt = new java.util.ArrayList<>();
        for (int fired = 0; deadlines.find(caseNumber, deadline).orElseThrow().ladderStep() <= step; fired++) {
            Job job = ladderTimer(caseNumber, deadline);
            if (job == null || fired > 8) {
                throw new AssertionError("the ladder of " + deadline + " of " + caseNumber + " does not reach step " + step
                        + (job == null ? ": no ladder timer" : "") + "; fired at " + firedAt + ", now "
                        + deadlines.find(caseNumber, deadline).orElseThrow());
            }
            firedAt.add(job.getDuedate().toInstant().toString());
            if (job.getDuedate().toInstant().equals(DeadlineTimers.PARKED)) {
                throw new AssertionError("the ladder of " + deadline + " of " + caseNumber + " is parked (deadline paused)");
            }
            ClockUtil.setCurrentTime(job.getDuedate());
            management.executeJob(job.getId());
        }
    }

    private String deadlineName(String caseNumber, String deadline) {
        if (!"department".equals(deadline)) {
            return deadline;
        }
        return deadlines.all(caseNumber).stream().map(Deadline::name).filter(n -> n.startsWith("DEPARTMENT:")).findFirst()
                .orElse(null);
    }

    /** Sends the case's queued mails now (what the mail dispatcher does when they are due); how many. */
    public int sendMails(String caseNumber) {
        return mails.dispatch(caseNumber).sent();
    }

    public record Step(String deadline, int step) {
    }
}
