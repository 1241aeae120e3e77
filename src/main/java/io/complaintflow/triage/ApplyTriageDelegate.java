package io.complaintflow.triage;

import static io.complaintflow.complaint.ComplaintProcess.*;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.engine.FormValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Takes the results of complaint-grading and complaint-routing into the record and the process. */
@Component("applyTriage")
public class ApplyTriageDelegate implements JavaDelegate {

    private final TriageService triage;

    public ApplyTriageDelegate(TriageService triage) {
        this.triage = triage;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(DelegateExecution execution) {
        Map<String, Object> grading = (Map<String, Object>) execution.getVariable("gradingResult");
        List<Map<String, Object>> routing = (List<Map<String, Object>>) execution.getVariable("routingResult");
        String grade = (String) grading.get("grade");
        List<String> departments = new ArrayList<>();
        routing.stream().filter(r -> Boolean.TRUE.equals(r.get("lead")))
                .forEach(r -> addOnce(departments, (String) r.get("department")));
        routing.forEach(r -> addOnce(departments, (String) r.get("department")));
        String category = (String) execution.getVariable(CATEGORY);
        String reason = (String) grading.get("reason");

        // nobody categorised it: never the routine shortcut, whatever a changed decision table says
        boolean uncategorised = category == null || category.isBlank() || Category.OTHER.code().equals(category);
        boolean reviewRequired = uncategorised || Boolean.TRUE.equals(grading.get("reviewRequired"));
        category = uncategorised ? Category.OTHER.code() : category;
        triage.apply(execution.getBusinessKey(), new Triage(category, grade, departments), Actors.SYSTEM,
                TimelineKind.GRADED, reason, execution);
        execution.setVariable(CATEGORY, category);
        execution.setVariable(GRADE, grade);
        execution.setVariable(REVIEW_REQUIRED, reviewRequired);
        execution.setVariable(LEAD_DEPARTMENT, departments.get(0));
        execution.setVariable(DEPARTMENTS, FormValues.jsonList(departments));
        execution.removeVariable("gradingResult");
        execution.removeVariable("routingResult");
    }

    private static void addOnce(List<String> list, String value) {
        if (value != null && !list.contains(value)) {
            list.add(value);
        }
    }
}
