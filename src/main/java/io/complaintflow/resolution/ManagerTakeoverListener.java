package io.complaintflow.resolution;

import static io.complaintflow.complaint.ComplaintProcess.*;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.CaseFileAdapter;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Department;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** After repeated rejections a manager gives the final answer or sends the case back to chosen departments. */
@PublishedForModels
@Component("managerDecided")
class ManagerTakeoverListener implements TaskListener {

    static final String FINAL = "final";
    static final String REDO = "redo";

    private final ResolutionService resolution;
    private final Actors actors;
    private final ClosureCauses closure;
    private final CaseFileAdapter caseFile;

    ManagerTakeoverListener(ResolutionService resolution, Actors actors, ClosureCauses closure,
                            CaseFileAdapter caseFile) {
        this.resolution = resolution;
        this.actors = actors;
        this.closure = closure;
        this.caseFile = caseFile;
    }

    @Override
    public void notify(DelegateTask task) {
        String caseNumber = task.getExecution().getBusinessKey();
        String decision = FormValues.requiredText(task.getVariable(MANAGER_DECISION), "经理决定");
        if (FINAL.equals(decision)) {
            ClosureCause cause = ClosureFormAdapter.read(closure, task);
            closure.record(caseNumber, cause);
            resolution.managerFinalAnswer(caseNumber, FormValues.requiredText(task.getVariable(ANSWER), "最终答复"),
                    FormValues.decimal(task.getVariable("compensation"), "补偿金额"), actors.of(task.getAssignee()));
            caseFile.refresh(caseNumber, task);
        } else if (REDO.equals(decision)) {
            List<String> departments = FormValues.codes(task.getVariable(DEPARTMENTS));
            if (departments.isEmpty() || departments.stream().anyMatch(d -> Coded.parse(Department.class, d).isEmpty())) {
                throw FormValues.invalid("请选择有效的责任部门");
            }
            resolution.managerRedo(caseNumber, departments, FormValues.text(task.getVariable("managerNote")),
                    actors.of(task.getAssignee()));
            caseFile.refresh(caseNumber, task);
            task.setVariable(DEPARTMENTS, FormValues.jsonList(departments));
        } else {
            throw FormValues.invalid("经理决定须为 final 或 redo");
        }
    }
}
