package io.complaintflow.department;

import static io.complaintflow.complaint.ComplaintProcess.DEPARTMENT;

import io.complaintflow.complaint.Actors;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The department's task: on create it is named after its department (the model's label says only 处理投诉, as Cockpit
 * and Modeler show it; Tasklist shows 处理投诉（质量部）) and recorded as assigned; on complete the handler's choice — a
 * proposal or "not ours" with a reason — is recorded and put in {@code outcome} for the model's gateway.
 */
@PublishedForModels
@Component("departmentTask")
class DepartmentTaskListener implements TaskListener {

    static final String OUTCOME = "outcome";
    static final String PROPOSE = "propose";
    static final String NOT_OURS = "not-ours";
    static final String NEED_INFO = "need-info";
    static final String APPRAISAL = "appraisal";

    private final DepartmentService departments;
    private final Actors actors;
    private final DepartmentParts parts;
    private final DepartmentPlanAdapter plan;

    DepartmentTaskListener(DepartmentService departments, Actors actors, DepartmentParts parts,
                           DepartmentPlanAdapter plan) {
        this.departments = departments;
        this.actors = actors;
        this.parts = parts;
        this.plan = plan;
    }

    @Override
    public void notify(DelegateTask task) {
        String caseNumber = task.getExecution().getBusinessKey();
        // not when the task comes back after waiting for information
        boolean begins = EVENTNAME_CREATE.equals(task.getEventName()) && task.getVariable(OUTCOME) == null;
        // the part's department as recorded when it began (from the call activity), not a variable a handler writes;
        // a part that begins now has no record yet and no handler has written to it: the call activity's input
        String department = begins ? (String) task.getVariable(DEPARTMENT)
                : parts.departmentOf(task.getProcessInstanceId()).orElseGet(() -> (String) task.getVariable(DEPARTMENT));
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            named(task, department);
            if (begins) {
                departments.assigned(caseNumber, department, task.getProcessInstanceId(), actors.current());
            }
            return;
        }
        String outcome = FormValues.requiredText(task.getVariable(OUTCOME), "处理结论");
        if (PROPOSE.equals(outcome)) {
            departments.proposed(caseNumber, department, new DepartmentService.Proposal(
                    FormValues.requiredText(task.getVariable("proposal"), "处理方案"),
                    FormValues.decimal(task.getVariable("compensation"), "补偿金额"),
                    FormValues.requiredText(task.getVariable("rootCause"), "原因分类")), actors.of(task.getAssignee()));
        } else if (NEED_INFO.equals(outcome) || APPRAISAL.equals(outcome)) {
            task.setVariable("waitReason", FormValues.requiredText(task.getVariable("waitReason"),
                    NEED_INFO.equals(outcome) ? "需要客户补充的内容" : "鉴定事项"));
            departments.responded(caseNumber);
        } else if (NOT_OURS.equals(outcome)) {
            departments.sentBack(caseNumber, department,
                    FormValues.requiredText(task.getVariable("transferReason"), "退回理由"), actors.of(task.getAssignee()));
        } else {
            throw FormValues.invalid("处理结论须为 propose、not-ours、need-info 或 appraisal");
        }
    }

    /** Versions before named the task by an expression (处理投诉（${departmentPlan.label(department)}）): left as is. */
    private void named(DelegateTask task, String department) {
        String suffix = "（" + plan.label(department) + "）";
        String name = task.getName() == null ? "处理投诉" : task.getName();
        if (!name.endsWith(suffix)) {
            task.setName(name + suffix);
        }
    }
}
