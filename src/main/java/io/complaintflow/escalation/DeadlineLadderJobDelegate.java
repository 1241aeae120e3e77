package io.complaintflow.escalation;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.sla.DeadlineTimers;
import io.complaintflow.sla.LadderWatch;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.bpmn.behavior.BpmnActivityBehavior;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The job of generation 3's deadline ladder ({@link DeadlineTimers#LADDER_JOB}): one timer job per ladder task, attached
 * to the task's waiting execution — Cockpit shows it on the complaint's instance, a step that keeps failing becomes an
 * incident there once its retries are used up, and when the caller's scope ends the execution goes and its job with
 * it. Firing, it takes the steps that are due ({@link EscalationService#step}; the escalated groups join the caller's
 * tasks) and arms the next job from the deadlines as the step left them, or leaves the task when nothing is left to
 * watch. Exclusive (the engine's default), like the ladder's timer before it: a step and a re-dating of the same
 * job meet in the job's optimistic lock.
 */
final class DeadlineLadderJobDelegate implements JobHandler<DeadlineLadderJobDelegate.Watching> {

    private final ObjectProvider<EscalationService> escalations;
    private final ObjectProvider<BusinessClock> now;

    DeadlineLadderJobDelegate(ObjectProvider<EscalationService> escalations, ObjectProvider<BusinessClock> now) {
        this.escalations = escalations;
        this.now = now;
    }

    @Override
    public String getType() {
        return DeadlineTimers.LADDER_JOB;
    }

    @Override
    public void execute(Watching configuration, ExecutionEntity execution, CommandContext commandContext,
                        String tenantId) {
        LadderWatch watch = configuration.watch();
        EscalationService.Step step = escalations.getObject().step(watch.caseNumber(), watch.deadlines(),
                execution.getProcessInstanceId());
        if (DeadlineTimers.climbing(step.watched())) {
            arm(execution, watch, DeadlineTimers.nextAt(step.watched(), now.getObject().now()));
        } else {
            new BpmnActivityBehavior().performDefaultOutgoingBehavior(execution);
        }
    }

    /** The ladder's next job, on the waiting execution of its task. */
    static void arm(ExecutionEntity execution, LadderWatch watch, Instant due) {
        // the definition as this node's deployment cache holds it: getProcessDefinition() would first read its row
        // again (to refresh suspension and time to live, which a new job does not use) — a statement every step
        ProcessDefinitionEntity known = Context.getProcessEngineConfiguration().getDeploymentCache()
                .findProcessDefinitionFromCache(execution.getProcessDefinitionId());
        if (known != null) {
            execution.setProcessDefinition(known);
        }
        TimerEntity job = new TimerEntity();
        job.setJobHandlerType(DeadlineTimers.LADDER_JOB);
        job.setJobHandlerConfigurationRaw(watch.canonical());
        job.setDuedate(Date.from(due));
        job.setPriority(DeadlineTimers.LADDER_PRIORITY);
        job.setExecution(execution);
        job.setActivityId(execution.getActivityId());
        job.setProcessDefinitionId(execution.getProcessDefinitionId());
        job.setProcessDefinitionKey(execution.getProcessDefinition().getKey());
        job.setTenantId(execution.getTenantId());
        Context.getCommandContext().getJobManager().schedule(job);
    }

    @Override
    public Watching newConfiguration(String canonicalString) {
        return new Watching(LadderWatch.parse(canonicalString));
    }

    @Override
    public void onDelete(Watching configuration, JobEntity jobEntity) {
        // nothing kept beside the job
    }

    /** The job's configuration as the engine wants it. */
    record Watching(LadderWatch watch) implements JobHandlerConfiguration {

        @Override
        public String toCanonicalString() {
            return watch.canonical();
        }
    }
}
