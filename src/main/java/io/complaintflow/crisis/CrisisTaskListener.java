package io.complaintflow.crisis;

import static io.complaintflow.crisis.CrisisProcess.CRISIS_ID;

import io.complaintflow.complaint.Actors;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Takes what people submit in the crisis-response tasks into the crisis record (one listener, by task). */
@PublishedForModels
@Component("crisisTasks")
public class CrisisTaskListener implements TaskListener {

    private final CrisisService crises;
    private final Actors actors;

    public CrisisTaskListener(CrisisService crises, Actors actors) {
        this.crises = crises;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        long id = ((Number) task.getVariable(CRISIS_ID)).longValue();
        String actor = actors.of(task);
        switch (task.getTaskDefinitionKey()) {
            case "Task_AcknowledgeCommand" -> crises.acknowledged(id, actor, text(task, "commandNote"), task);
            case "Task_DraftStatement" -> crises.statementDrafted(id, required(task, "statement", "声明内容"), actor, task);
            case "Task_ReviewStatement" -> crises.legalReviewed(id, approved(task, "legalDecision", "ok"),
                    text(task, "legalNote"), actor, task);
            case "Task_ApproveStatement" -> crises.statementDecided(id, approved(task, "approvalDecision", "approve"),
                    text(task, "approvalNote"), actor, task);
            case "Task_ContactCustomer" -> crises.customerContacted(id, required(task, "contactNote", "联系情况"),
                    actor, task);
            case "Task_LogRegulatorLiaison" -> crises.regulatorLiaison(id, required(task, "liaisonNote", "监管沟通情况"),
                    actor, task);
            case "Task_ReviewCrisis" -> crises.reviewed(id, required(task, "findings", "经过与原因"),
                    required(task, "improvements", "改进措施"), actor, task);
            default -> throw new IllegalStateException("no crisis step for task " + task.getTaskDefinitionKey());
        }
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
