package io.complaintflow.triage;

import static io.complaintflow.complaint.ComplaintProcess.*;

import io.complaintflow.assist.TextAssistance;
import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.CaseFileAdapter;
import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Department;
import io.complaintflow.complaint.Grade;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The complaint center confirms or changes category, grade and departments (also when re-routing). */
@PublishedForModels
@Component("triageReviewed")
class TriageReviewListener implements TaskListener {

    private final TriageService triage;
    private final Actors actors;
    private final TextAssistance assistance;
    private final CaseFileAdapter caseFile;

    TriageReviewListener(TriageService triage, Actors actors, TextAssistance assistance, CaseFileAdapter caseFile) {
        this.caseFile = caseFile;
        this.triage = triage;
        this.actors = actors;
        this.assistance = assistance;
    }

    @Override
    public void notify(DelegateTask task) {
        String category = FormValues.requiredText(task.getVariable(CATEGORY), "投诉类别");
        String grade = FormValues.requiredText(task.getVariable(GRADE), "等级");
        List<String> departments = FormValues.codes(task.getVariable(DEPARTMENTS));
        if (Coded.parse(Category.class, category).isEmpty() || Coded.parse(Grade.class, grade).isEmpty()) {
            throw FormValues.invalid("投诉类别或等级取值无效");
        }
        if (departments.isEmpty()) {
            throw FormValues.invalid("请至少选择一个责任部门");
        }
        if (departments.stream().anyMatch(d -> Coded.parse(Department.class, d).isEmpty())) {
            throw FormValues.invalid("责任部门取值无效：" + departments);
        }
        String lead = FormValues.text(task.getVariable(LEAD_DEPARTMENT));
        if (lead != null && departments.remove(lead)) {
            departments.add(0, lead);
        }
        triage.apply(task.getExecution().getBusinessKey(), new Triage(Category.of(category), Grade.of(grade), departments),
                actors.of(task.getAssignee()), TimelineKind.TRIAGE_REVIEWED,
                FormValues.text(task.getVariable("reviewNote")));
        caseFile.refresh(task.getExecution().getBusinessKey(), task);
        // the human choice, next to what text assistance suggested (the first review of the case counts)
        assistance.recordChoice(task.getExecution().getBusinessKey(), category, departments.get(0), grade,
                actors.of(task.getAssignee()));
        task.setVariable(LEAD_DEPARTMENT, departments.get(0));
        task.setVariable(DEPARTMENTS, FormValues.jsonList(departments));
        task.removeVariable("reviewNote");
    }
}
