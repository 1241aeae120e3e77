package io.complaintflow.triage;

import static io.complaintflow.complaint.ComplaintProcess.*;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.CaseFileAdapter;
import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Grade;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * After complaint-routing: grade, category and departments (lead first) go into the record and the timeline. The
 * review form's fields (category, grade, departments, lead) are ordinary variables; {@code reviewRequired}, read by
 * the next gateway only, is transient.
 */
@PublishedForModels
@Component("routingDecided")
class RoutingDecidedListener implements ExecutionListener {

    private final TriageService triage;
    private final CaseFileAdapter caseFile;

    RoutingDecidedListener(TriageService triage, CaseFileAdapter caseFile) {
        this.triage = triage;
        this.caseFile = caseFile;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void notify(DelegateExecution execution) {
        Map<String, Object> grading = (Map<String, Object>) execution.getVariable(GradingDecidedListener.GRADING_RESULT);
        DmnDecisionResult routing = (DmnDecisionResult) execution.getVariableLocal("decisionResult");
        String grade = (String) grading.get("grade");
        List<String> departments = new ArrayList<>();
        routing.getResultList().stream().filter(r -> Boolean.TRUE.equals(r.get("lead")))
                .forEach(r -> addOnce(departments, (String) r.get("department")));
        routing.getResultList().forEach(r -> addOnce(departments, (String) r.get("department")));
        String category = (String) execution.getVariable(CATEGORY);
        // nobody categorised it: never the routine shortcut, whatever a changed decision table says
        boolean uncategorised = category == null || category.isBlank() || Category.OTHER.code().equals(category);
        boolean reviewRequired = uncategorised || Boolean.TRUE.equals(grading.get("reviewRequired"));
        category = uncategorised ? Category.OTHER.code() : category;
        triage.apply(execution.getBusinessKey(), new Triage(Category.of(category), Grade.of(grade), departments), Actors.SYSTEM,
                TimelineKind.GRADED, (String) grading.get("reason"));
        caseFile.refresh(execution.getBusinessKey(), execution);
        if (!category.equals(execution.getVariable(CATEGORY))) { // an unchanged value would be one more history row
            execution.setVariable(CATEGORY, category);
        }
        execution.setVariable(GRADE, grade);
        execution.setVariable(LEAD_DEPARTMENT, departments.get(0));
        execution.setVariable(DEPARTMENTS, FormValues.jsonList(departments));
        DecisionInputsListener.transientValue(execution, REVIEW_REQUIRED, reviewRequired);
    }

    private static void addOnce(List<String> list, String value) {
        if (value != null && !list.contains(value)) {
            list.add(value);
        }
    }
}
