package io.complaintflow.crisis;

import static io.complaintflow.crisis.CrisisProcess.APPROVAL_VERDICT;
import static io.complaintflow.crisis.CrisisProcess.COMMANDER;
import static io.complaintflow.crisis.CrisisProcess.LEGAL_VERDICT;

import io.complaintflow.complaint.Actors;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Takes what people submit in the crisis-response tasks into the crisis record (one listener, by task). */
@PublishedForModels
@Component("crisisTasks")
class CrisisTaskListener implements TaskListener {

    /** The review's findings and improvements, handed over to PDCA when the crisis ends. */
    static final String FINDINGS = "reviewFindings";
    static final String IMPROVEMENTS = "reviewImprovements";

    private final CrisisService crises;
    private final CrisisFormsAdapter forms;
    private final Actors actors;

    CrisisTaskListener(CrisisService crises, CrisisFormsAdapter forms, Actors actors) {
        this.crises = crises;
        this.forms = forms;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        long id = CrisisFormsAdapter.crisisId(task);
        String actor = actors.of(task.getAssignee());
        switch (task.getTaskDefinitionKey()) {
            case "Task_AcknowledgeCommand" -> {
                crises.acknowledged(id, actor, text(task, "commandNote"));
                task.setVariable(COMMANDER, actor);
            }
            case "Task_DraftStatement" -> crises.statementDrafted(id, required(task, "statement", "声明内容"), actor);
            case "Task_ReviewStatement" -> {
                boolean approved = approved(task, "legalDecision", "ok");
                crises.legalReviewed(id, approved, text(task, "legalNote"), actor);
                task.setVariable(LEGAL_VERDICT, approved ? "ok" : "revise");
            }
            case "Task_ApproveStatement" -> {
                boolean approved = approved(task, "approvalDecision", "approve");
                crises.statementDecided(id, approved, text(task, "approvalNote"), actor);
                task.setVariable(APPROVAL_VERDICT, approved ? "approve" : "reject");
            }
            case "Task_ContactCustomer" -> crises.customerContacted(id, required(task, "contactNote", "联系情况"),
                    actor);
            case "Task_LogRegulatorLiaison" -> crises.regulatorLiaison(id, required(task, "liaisonNote", "监管沟通情况"),
                    actor);
            case "Task_ReviewCrisis" -> {
                String findings = required(task, "findings", "经过与原因");
                String improvements = required(task, "improvements", "改进措施");
                crises.reviewed(id, findings, improvements, actor);
                task.setVariable(FINDINGS, findings);
                task.setVariable(IMPROVEMENTS, improvements);
            }
            default -> throw new IllegalStateException("no crisis step for task " + task.getTaskDefinitionKey());
        }
        forms.refresh(id, task);
    }

    private static boolean approved(DelegateTask task, String field, String yes) {
        String value = FormValues.requiredText(task.getVariable(field), "审核结论");
        return yes.equals(value);
    }

    private static String required(DelegateTask task, String field, String label) {
        return FormValues.requiredText(task.getVariable(field), label);
    }

    private static String text(DelegateTask task, String field) {
        return FormValues.text(task.getVariable(field));
    }
}
