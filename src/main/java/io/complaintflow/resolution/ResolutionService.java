package io.complaintflow.resolution;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository.Counter;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.complaint.DepartmentAssignment;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.engine.FormValues;
import io.complaintflow.notification.MailTemplates;
import io.complaintflow.notification.NotificationService;
import io.complaintflow.sla.BusinessCalendar;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineDuration;
import io.complaintflow.sla.DeadlineService;
import io.complaintflow.triage.TriageService;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** The center's answer to the customer, the customer's verdict, the managers' takeover and the closure. */
@Service
public class ResolutionService {

    private final ComplaintRepository complaints;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final DeadlineService deadlines;
    private final BusinessCalendar calendar;
    private final NotificationService notifications;
    private final MailTemplates templates;
    private final SurveyLinks surveys;
    private final ClosureCauses closure;
    private final CompensationProposals proposals;

    public ResolutionService(ComplaintRepository complaints, Timeline timeline, BusinessClock clock,
                             DeadlineService deadlines, BusinessCalendar calendar,
                             NotificationService notifications, MailTemplates templates, SurveyLinks surveys,
                             ClosureCauses closure, CompensationProposals proposals) {
        this.proposals = proposals;
        this.surveys = surveys;
        this.closure = closure;
        this.complaints = complaints;
        this.timeline = timeline;
        this.clock = clock;
        this.deadlines = deadlines;
        this.calendar = calendar;
        this.notifications = notifications;
        this.templates = templates;
    }

    /** The center's answer and compensation, before any approval the amount needs. */
    public void drafted(String caseNumber, String answer, BigDecimal compensation, String actor) {
        complaints.recordResolution(caseNumber, answer, compensation, clock.now());
        proposals.record(caseNumber, actor, compensation, clock.now());
        String amount = compensation == null || compensation.signum() == 0 ? ""
                : "（补偿 " + compensation.toPlainString() + " 元）";
        timeline.record(caseNumber, actor, TimelineKind.NOTE, "投诉中心拟定答复" + amount, answer);
    }

    /** The answer goes to the customer: status RESOLVED, first response met, answer mailed. */
    public void deliver(String caseNumber) {
        complaints.updateStatus(caseNumber, ComplaintStatus.RESOLVED, clock.now());
        Complaint complaint = complaints.find(caseNumber).orElseThrow();
        timeline.record(caseNumber, Actors.SYSTEM, TimelineKind.ANSWERED, "答复客户", complaint.resolution());
        deadlines.stop(caseNumber, Deadline.FIRST_RESPONSE);
        notifications.send(caseNumber, "答复通知", templates.answer(customerMail(complaint),
                complaint.customer().name(), caseNumber, complaint.resolution()));
    }

    public void customerAccepted(String caseNumber, String words, String actor) {
        timeline.record(caseNumber, actor, TimelineKind.CUSTOMER_ACCEPTED, "客户接受处理结果", words);
    }

    /**
     * The customer rejects the answer: counted, and the departments that worked on it take it up again with
     * the customer's words. Returns the rejection count and the departments to hand it back to.
     */
    public Rejection customerRejected(String caseNumber, String words, String actor) {
        int rejections = complaints.increment(caseNumber, Counter.REJECTIONS, clock.now());
        complaints.updateStatus(caseNumber, ComplaintStatus.IN_PROGRESS, clock.now());
        timeline.record(caseNumber, actor, TimelineKind.CUSTOMER_REJECTED,
                "客户不接受处理结果（第 " + rejections + " 次）", words);
        return new Rejection(rejections, involvedDepartments(caseNumber));
    }

    public void managerFinalAnswer(String caseNumber, String answer, BigDecimal compensation, String actor) {
        complaints.recordResolution(caseNumber, answer, compensation, clock.now());
        timeline.record(caseNumber, actor, TimelineKind.MANAGER_TAKEOVER, "投诉经理接管并作出最终答复", answer);
    }

    public void managerRedo(String caseNumber, List<String> departments, String note, String actor) {
        complaints.planDepartments(caseNumber, departments, clock.now());
        timeline.record(caseNumber, actor, TimelineKind.MANAGER_TAKEOVER,
                "投诉经理接管，重新交由 " + TriageService.departmentNames(departments) + " 处理", note);
    }

    /** Closes the case, stops its deadlines and returns when the satisfaction callback is due. */
    public Instant close(String caseNumber, String callbackWait, String actor) {
        ClosureCause cause = closure.of(caseNumber).orElseThrow(() -> FormValues.invalid(
                "工单 " + caseNumber + " 结案须记录根本原因、责任部门和是否可预防"));
        Instant closedAt = clock.now();
        complaints.close(caseNumber, closedAt);
        deadlines.stop(caseNumber, Deadline.FIRST_RESPONSE);
        deadlines.stop(caseNumber, Deadline.RESOLUTION);
        Complaint complaint = complaints.find(caseNumber).orElseThrow();
        Instant callbackDue = calendar.plus(closedAt, DeadlineDuration.parse(callbackWait));
        timeline.record(caseNumber, actor, TimelineKind.CLOSED, "结案，回访安排在 " + deadlines.format(callbackDue) + " 前",
                (complaint.resolution() == null ? "" : complaint.resolution() + "\n") + closure.describe(cause));
        notifications.send(caseNumber, "结案通知", templates.closed(customerMail(complaint),
                complaint.customer().name(), caseNumber, complaint.resolution(), deadlines.format(callbackDue),
                surveys.issueLink(caseNumber)));
        return callbackDue;
    }

    private static List<String> customerMail(Complaint complaint) {
        return complaint.customer().email() == null ? List.of() : List.of(complaint.customer().email());
    }

    /** Departments that worked on the case and did not send it back, lead first. */
    public List<String> involvedDepartments(String caseNumber) {
        return complaints.departments(caseNumber).stream()
                .filter(d -> !DepartmentAssignment.TRANSFERRED.equals(d.state()))
                .map(DepartmentAssignment::department)
                .toList();
    }

    public record Rejection(int count, List<String> departments) {
    }
}
