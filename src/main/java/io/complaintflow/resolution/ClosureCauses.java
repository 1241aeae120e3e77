package io.complaintflow.resolution;

import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.Department;
import io.complaintflow.engine.FormValues;
import io.complaintflow.pdca.RootCause;
import io.complaintflow.pdca.RootCauses;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads the closure's root cause, responsible department and preventable from the form that closes the complaint
 * (customer accepts, or the manager's final answer), checks them against the taxonomy and stores them.
 */
@Component
public class ClosureCauses {

    private final ComplaintRepository complaints;
    private final RootCauses causes;

    public ClosureCauses(ComplaintRepository complaints, RootCauses causes) {
        this.complaints = complaints;
        this.causes = causes;
    }

    /** Checks the form's values (as submitted) against the taxonomy. */
    public ClosureCause read(Object rootCause, Object responsibleDepartment, Object preventableValue) {
        String cause = FormValues.requiredText(rootCause, "根本原因");
        if (causes.find(cause).filter(RootCause::active).isEmpty()) {
            throw FormValues.invalid("根本原因「" + cause + "」不在原因分类中");
        }
        String department = FormValues.requiredText(responsibleDepartment, "责任部门");
        if (Coded.parse(Department.class, department).isEmpty()) {
            throw FormValues.invalid("责任部门须为 " + Coded.codes(Department.class));
        }
        String preventable = FormValues.requiredText(preventableValue, "是否可预防");
        if (!preventable.equals("yes") && !preventable.equals("no") && !preventable.equals("true")
                && !preventable.equals("false")) {
            throw FormValues.invalid("是否可预防须为 yes 或 no");
        }
        return new ClosureCause(cause, department, preventable.equals("yes") || preventable.equals("true"));
    }

    public void record(String caseNumber, ClosureCause cause) {
        complaints.recordClosureCause(caseNumber, cause.rootCause(), cause.responsibleDepartment(), cause.preventable());
    }

    /** The recorded cause, also when the form recorded it earlier in this transaction and it is not yet written. */
    public Optional<ClosureCause> of(String caseNumber) {
        return complaints.closureCause(caseNumber)
                .map(c -> new ClosureCause(c.rootCause(), c.responsibleDepartment(), c.preventable()));
    }

    public String describe(ClosureCause cause) {
        return "根本原因：" + causes.labelOf(cause.rootCause()) + "；责任部门："
                + Coded.labelOf(Department.class, cause.responsibleDepartment()) + "；可预防："
                + (cause.preventable() ? "是" : "否");
    }
}
