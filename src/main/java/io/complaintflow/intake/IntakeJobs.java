package io.complaintflow.intake;

import io.complaintflow.complaint.ComplaintProcess;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * The asynchronous continuation of a filed complaint: the job before {@code Task_GradeComplaint} that grades, routes,
 * sets the deadlines and creates the first tasks. The job executor runs it; {@link #runNow} runs it in the calling
 * thread for callers that need the first tasks at once (demo data before the job executor starts, tests).
 */
@Component
public class IntakeJobs {

    public static final String ACTIVITY = "Task_GradeComplaint";

    private final RuntimeService runtime;
    private final ManagementService management;

    public IntakeJobs(RuntimeService runtime, ManagementService management) {
        this.runtime = runtime;
        this.management = management;
    }

    /** The case's intake jobs not yet run (retries left or not). */
    public List<Job> pending(String caseNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.KEY)
                .processInstanceBusinessKey(caseNumber).list().stream()
                .flatMap(instance -> management.createJobQuery().processInstanceId(instance.getId())
                        .activityId(ACTIVITY).list().stream())
                .toList();
    }

    /** Runs the case's pending intake jobs now; a failure propagates (and counts as a failed attempt). */
    public void runNow(String caseNumber) {
        for (Job job : pending(caseNumber)) {
            management.executeJob(job.getId());
        }
    }
}
