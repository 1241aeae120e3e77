package io.complaintflow.resolution;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.CaseFileVariables;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.ComplaintRepository.Counter;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.complaint.DepartmentAssignment;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.triage.TriageService;
import java.math.BigDecimal;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Service;

/** The center's answer to the customer, the customer's verdict, the managers' takeover and the closure. */
@Service
public class ResolutionService {

    private final ComplaintRepository complaints;
    private final Timeline timeline;
    private final CaseFileVariables caseFile;
    private final BusinessClock clock;

    public ResolutionService(ComplaintRepository complaints, Timeline timeline, CaseFileVariables caseFile,
                             BusinessClock clock) {
        this.complaints = complaints;
        this.timeline = timeline;
        this.caseFile = caseFile;
        this.clock = clock;
    }

    public void answered(String caseNumber, String answer, BigDecimal compensation, String actor, VariableScope scope) {
        complaints.recordResolution(caseNumber, answer, compensation, clock.now());
        complaints.updateStatus(caseNumber, ComplaintStatus.RESOLVED.code(), clock.now());
        String amount = compensation == null || compensation.signum() == 0 ? ""
                : "（补偿 " + compensation.toPlainString() + " 元）";
        timeline.record(caseNumber, actor, TimelineKind.ANSWERED, "投诉中心答复客户" + amount, answer);
        caseFile.refresh(caseNumber, scope);
    }

    public void customerAccepted(String caseNumber, String words, String actor, VariableScope scope) {
        timeline.record(caseNumber, actor, TimelineKind.CUSTOMER_ACCEPTED, "客户接受处理结果", words);
        caseFile.refresh(caseNumber, scope);
    }

    /**
     * The customer rejects the answer: counted, and the departments that worked on it take it up again with
     * the customer's words. Returns the rejection count and the departments to hand it back to.
     */
    public Rejection customerRejected(String caseNumber, String words, String actor, VariableScope scope) {
        int rejections = complaints.increment(caseNumber, Counter.REJECTIONS, clock.now());
        complaints.updateStatus(caseNumber, ComplaintStatus.IN_PROGRESS.code(), clock.now());
        timeline.record(caseNumber, actor, TimelineKind.CUSTOMER_REJECTED,
                "客户不接受处理结果（第 " + rejections + " 次）", words);
        caseFile.refresh(caseNumber, scope);
        return new Rejection(rejections, involvedDepartments(caseNumber));
    }

    public void managerFinalAnswer(String caseNumber, String answer, BigDecimal compensation, String actor,
                                   VariableScope scope) {
        complaints.recordResolution(caseNumber, answer, compensation, clock.now());
        timeline.record(caseNumber, actor, TimelineKind.MANAGER_TAKEOVER, "投诉经理接管并作出最终答复", answer);
        caseFile.refresh(caseNumber, scope);
    }

    public void managerRedo(String caseNumber, List<String> departments, String note, String actor,
                            VariableScope scope) {
        complaints.planDepartments(caseNumber, departments, clock.now());
        timeline.record(caseNumber, actor, TimelineKind.MANAGER_TAKEOVER,
                "投诉经理接管，重新交由 " + TriageService.departmentNames(departments) + " 处理", note);
        caseFile.refresh(caseNumber, scope);
    }

    public void close(String caseNumber, String actor, VariableScope scope) {
        complaints.close(caseNumber, clock.now());
        String resolution = complaints.find(caseNumber).orElseThrow().resolution();
        timeline.record(caseNumber, actor, TimelineKind.CLOSED, "结案", resolution);
        caseFile.refresh(caseNumber, scope);
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
