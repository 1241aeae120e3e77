package io.complaintflow;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.test.context.TestComponent;

/** Moves the engine clock and fires the timers that watch a complaint's deadlines, as time passing would. */
@TestComponent
public class DeadlineScenarios {

    private final ManagementService management;
    private final RuntimeService runtime;

    public DeadlineScenarios(ManagementService management, RuntimeService runtime) {
        this.management = management;
        this.runtime = runtime;
    }

    public static void now(String instant) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
    }

    /** The scheduled timer of this timer event among the case's processes, or null. */
    public Job timer(String caseNumber, String activityId) {
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

    /** Lets time run to the timer's due date and fires it. */
    public void fire(String caseNumber, String activityId) {
        Job job = timer(caseNumber, activityId);
        if (job == null) {
            throw new AssertionError("no timer " + activityId + " scheduled for " + caseNumber);
        }
        ClockUtil.setCurrentTime(job.getDuedate());
        management.executeJob(job.getId());
    }

    /** Runs the queued mails of the case (the notification processes' jobs). */
    public int sendMails(String caseNumber) {
        int sent = 0;
        for (Job job : management.createJobQuery().processDefinitionKey("notification").executable().list()) {
            if (caseNumber.equals(runtime.createProcessInstanceQuery().processInstanceId(job.getProcessInstanceId())
                    .singleResult().getBusinessKey())) {
                management.executeJob(job.getId());
                sent++;
            }
        }
        return sent;
    }
}
