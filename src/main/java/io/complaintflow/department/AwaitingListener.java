package io.complaintflow.department;

import static io.complaintflow.complaint.ComplaintProcess.DEPARTMENT;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import io.complaintflow.sla.DeadlineTimers;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * While a department waits for the customer's information or an external appraisal, the overall resolution
 * deadline and the department's deadline stand still; when the wait ends they resume and their deadlines (and the
 * timers watching them) move by the paused working time.
 */
@PublishedForModels
@Component("awaiting")
class AwaitingListener implements TaskListener {


    private final DeadlineService deadlines;
    private final DeadlineTimers timers;
    private final ComplaintRepository complaints;
    private final Timeline timeline;
    private final BusinessClock now;
    private final Actors actors;

    AwaitingListener(DeadlineService deadlines, DeadlineTimers timers, ComplaintRepository complaints,
                     Timeline timeline, BusinessClock now, Actors actors) {
        this.deadlines = deadlines;
        this.timers = timers;
        this.complaints = complaints;
        this.timeline = timeline;
        this.now = now;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        String caseNumber = task.getExecution().getBusinessKey();
        String department = (String) task.getVariable(DEPARTMENT);
        boolean customer = DepartmentTaskListener.NEED_INFO.equals(task.getVariable(DepartmentTaskListener.OUTCOME));
        String what = customer ? "等待客户补充信息" : "等待外部鉴定";
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            deadlines.pause(caseNumber, List.of(Deadline.RESOLUTION, Deadline.department(department)), what);
            if (customer) {
                complaints.updateStatus(caseNumber, ComplaintStatus.AWAITING_CUSTOMER, now.now());
            }
            timeline.record(caseNumber, actors.current(), TimelineKind.PAUSED, what + "，处理时限暂停",
                    FormValues.text(task.getVariable("waitReason")));
        } else {
            String received = FormValues.requiredText(task.getVariable(customer ? "customerInfo" : "appraisalResult"),
                    customer ? "客户补充的信息" : "鉴定结果");
            deadlines.resume(caseNumber, what + "结束");
            timers.reschedule(caseNumber);
            complaints.updateStatus(caseNumber, ComplaintStatus.IN_PROGRESS, now.now());
            timeline.record(caseNumber, actors.of(task.getAssignee()), TimelineKind.RESUMED,
                    (customer ? "客户已补充信息" : "鉴定结果已出") + "，处理时限恢复", received);
        }
    }
}
