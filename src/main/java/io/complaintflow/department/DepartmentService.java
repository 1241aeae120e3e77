package io.complaintflow.department;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository.Counter;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.complaint.Department;
import io.complaintflow.complaint.DepartmentAssignment;
import io.complaintflow.complaint.Grade;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.notification.MailTemplates;
import io.complaintflow.notification.NotificationService;
import io.complaintflow.notification.Recipients;
import io.complaintflow.security.Groups;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Service;

/** A department's part: it is assigned, then proposes a resolution or sends the case back to the center. */
@Service
public class DepartmentService {

    private final ComplaintRepository complaints;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final DeadlineService deadlines;
    private final NotificationService notifications;
    private final MailTemplates templates;
    private final Recipients recipients;

    public DepartmentService(ComplaintRepository complaints, Timeline timeline, BusinessClock clock, DeadlineService deadlines, NotificationService notifications,
                             MailTemplates templates, Recipients recipients) {
        this.complaints = complaints;
        this.timeline = timeline;
        this.clock = clock;
        this.deadlines = deadlines;
        this.notifications = notifications;
        this.templates = templates;
        this.recipients = recipients;
    }

    /** A person answered for the company: the first-response deadline is met. */
    public void responded(String caseNumber) {
        deadlines.stop(caseNumber, Deadline.FIRST_RESPONSE);
    }

    /** The department's part {@code partInstanceId} begins: its department is assigned and the part recorded. */
    public void assigned(String caseNumber, String department, String partInstanceId, String actor) {
        complaints.assignDepartment(caseNumber, department, partInstanceId, clock.now());
        Complaint complaint = complaints.find(caseNumber).orElseThrow();
        if (complaint.status() != ComplaintStatus.IN_PROGRESS) {
            complaints.updateStatus(caseNumber, ComplaintStatus.IN_PROGRESS, clock.now());
        }
        Deadline deadline = deadlines.find(caseNumber, Deadline.department(department)).orElse(null);
        timeline.record(caseNumber, actor, TimelineKind.ASSIGNED, "分派至" + name(department) + "处理"
                + (deadline == null ? "" : "，" + deadlines.describe(deadline)), null);
        if (complaint.grade() != null && complaint.grade().compareTo(Grade.G2) >= 0) {
            notifications.send(caseNumber, "分派通知", templates.assignment(
                    recipients.ofGroup(Groups.department(department)), name(department), caseNumber, complaint.grade(),
                    complaint.subject(), deadline == null ? "—" : deadlines.format(deadline.targetAt())));
        }
    }

    public void proposed(String caseNumber, String department, Proposal proposal, String actor) {
        complaints.recordProposal(caseNumber, department, proposal.text(), proposal.compensation(),
                proposal.rootCause(), clock.now());
        stopDeadlines(caseNumber, department);
        String compensation = proposal.compensation() == null || proposal.compensation().signum() == 0 ? ""
                : "，补偿 " + proposal.compensation().toPlainString() + " 元";
        timeline.record(caseNumber, actor, TimelineKind.PROPOSED, name(department) + "提出处理方案" + compensation,
                proposal.text());
    }

    /** "Not ours": back to the complaint center — never sideways to another department — and counted. */
    public void sentBack(String caseNumber, String department, String reason, String actor) {
        complaints.recordTransfer(caseNumber, department, reason, clock.now());
        stopDeadlines(caseNumber, department);
        int transfers = complaints.increment(caseNumber, Counter.TRANSFERS, clock.now());
        timeline.record(caseNumber, actor, TimelineKind.TRANSFERRED,
                name(department) + "退回投诉中心：非本部门职责（第 " + transfers + " 次退回）", reason);
    }

    /** What the departments of the current plan said: whether any sent it back, and a draft answer. */
    public Results results(String caseNumber, List<String> plan) {
        List<DepartmentAssignment> all = complaints.departments(caseNumber);
        boolean anyTransferred = all.stream()
                .anyMatch(d -> plan.contains(d.department()) && DepartmentAssignment.TRANSFERRED.equals(d.state()));
        StringBuilder draft = new StringBuilder();
        BigDecimal compensation = BigDecimal.ZERO;
        for (DepartmentAssignment d : all) {
            if (DepartmentAssignment.PROPOSED.equals(d.state())) {
                draft.append(draft.isEmpty() ? "" : "\n").append("【").append(name(d.department())).append("】")
                        .append(d.proposal());
                if (d.compensation() != null) {
                    compensation = compensation.add(d.compensation());
                }
            }
        }
        return new Results(anyTransferred, draft.toString(), compensation);
    }

    private void stopDeadlines(String caseNumber, String department) {
        deadlines.stop(caseNumber, Deadline.department(department));
        responded(caseNumber);
    }

    private static String name(String department) {
        return Coded.labelOf(Department.class, department);
    }

    public record Proposal(String text, BigDecimal compensation, String rootCause) {
    }

    public record Results(boolean anyTransferred, String draftAnswer, BigDecimal compensation) {
    }
}
