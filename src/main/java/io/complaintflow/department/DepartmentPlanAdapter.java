package io.complaintflow.department;

import static io.complaintflow.complaint.ComplaintProcess.DEPARTMENTS;

import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Department;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Expressions the models use: which departments handle the case now, and their names. */
@PublishedForModels
@Component("departmentPlan")
public class DepartmentPlanAdapter {

    /** The multi-instance collection of the department-handling call activity. */
    public List<String> toHandle(DelegateExecution execution) {
        return FormValues.codes(execution.getVariable(DEPARTMENTS));
    }

    public String label(String department) {
        return Coded.labelOf(Department.class, department);
    }
}
