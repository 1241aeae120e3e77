package io.complaintflow.pdca;

import static io.complaintflow.pdca.PdcaProcess.ACTION_ID;
import static io.complaintflow.pdca.PdcaProcess.CYCLE_ID;
import static io.complaintflow.pdca.PdcaProcess.SLOTS;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import io.complaintflow.pdca.PdcaSteps.OpenedCycle;
import io.complaintflow.pdca.PdcaSteps.PlanSlot;
import io.complaintflow.pdca.PdcaSteps.Standardize;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * What {@code pdca-review}'s expressions call ({@code ${pdcaProcess.…}}): reads the step's variables, has
 * {@link PdcaSteps} do the step, and writes back what the model's gateways and forms read.
 */
@PublishedForModels
@Component("pdcaProcess")
public class PdcaProcessAdapter {

    private final PdcaSteps steps;
    private final Actors actors;
    private final BusinessClock clock;

    public PdcaProcessAdapter(PdcaSteps steps, Actors actors, BusinessClock clock) {
        this.steps = steps;
        this.actors = actors;
        this.clock = clock;
    }

    /** Plan, first half: the cycle's row, its analysis, the carried-over actions prefilled in the plan form. */
    public void openCycle(DelegateExecution execution) {
        Object handover = execution.getVariable("handoverId");
        OpenedCycle opened = steps.open(FormValues.text(execution.getVariable("trigger")),
                FormValues.text(execution.getVariable("initiator")),
                handover == null ? null : Long.valueOf(handover.toString()), day(execution.getVariable("periodFrom")),
                day(execution.getVariable("periodTo")), FormValues.text(execution.getVariable("note")),
                execution.getProcessInstanceId());
        execution.setProcessBusinessKey(opened.businessKey());
        Map<String, Object> variables = new HashMap<>();
        variables.put(CYCLE_ID, opened.id());
        variables.put("trigger", opened.trigger());
        variables.put("analysisText", opened.analysisText());
        variables.put("figureOptions", opened.figureOptions());
        for (int i = 0; i < opened.carried().size(); i++) {
            PdcaAction a = opened.carried().get(i);
            String slot = "action" + (i + 1);
            variables.put(slot + "Department", a.department());
            variables.put(slot + "Text", a.actionText());
            variables.put(slot + "Figure", a.figure());
            variables.put(slot + "CarriedFrom", a.id());
        }
        variables.put("carriedOverText", opened.carriedOverText());
        execution.setVariables(variables);
    }

    /** Plan, second half: the owner's actions (up to three slots); none is a valid plan too. */
    public void planned(DelegateTask task) {
        List<PlanSlot> slots = new ArrayList<>();
        for (int slot = 1; slot <= SLOTS; slot++) {
            String prefix = "action" + slot;
            Object carried = task.getVariable(prefix + "CarriedFrom");
            slots.add(new PlanSlot(slot, FormValues.text(task.getVariable(prefix + "Text")),
                    FormValues.text(task.getVariable(prefix + "Department")), day(task.getVariable(prefix + "Due")),
                    FormValues.text(task.getVariable(prefix + "Figure")),
                    carried == null ? null : Long.valueOf(carried.toString())));
        }
        boolean hasActions = steps.plan(id(task.getVariable(CYCLE_ID)), slots, actors.of(task.getAssignee()),
                FormValues.text(task.getVariable("planNote")));
        task.setVariable("hasActions", hasActions);
    }

    public List<Long> actionIds(Object cycleId) {
        return steps.actionIds(id(cycleId));
    }

    public String groupOf(Object actionId) {
        return steps.groupOf(id(actionId));
    }

    /** The end of the due day in the business time zone. */
    public Date dueOf(Object actionId) {
        return Date.from(steps.dueOf(id(actionId)));
    }

    public Date remindAt(Object actionId) {
        return Date.from(steps.remindAt(id(actionId)));
    }

    /** Do: the department's task shows its action. */
    public void actionTaskCreated(DelegateTask task) {
        long actionId = id(task.getVariable(ACTION_ID));
        task.setVariableLocal(ACTION_ID, actionId);
        task.setVariableLocal("actionSummary", steps.doSummary(actionId));
        inputsOwnedBy(task, "doneNote");
    }

    public void actionDone(DelegateTask task) {
        steps.done(id(task.getVariable(ACTION_ID)), actors.of(task.getAssignee()),
                FormValues.requiredText(task.getVariable("doneNote"), "完成情况"));
    }

    /** Reminder before the due day. */
    public void remind(DelegateExecution execution) {
        steps.remind(id(execution.getVariable(ACTION_ID)), execution.getProcessInstanceId(),
                execution.getProcessBusinessKey());
    }

    /** Overdue: the department's lead group joins. */
    public void escalate(DelegateExecution execution) {
        steps.escalate(id(execution.getVariable(ACTION_ID)), execution.getProcessInstanceId(),
                execution.getProcessBusinessKey());
    }

    /** Every action done: the observation window starts now. */
    public void startObservation(DelegateExecution execution) {
        execution.setVariable("observationEndsAt",
                Date.from(steps.startObservation(id(execution.getVariable(CYCLE_ID)))));
    }

    public void measure(DelegateExecution execution) {
        steps.measure(id(execution.getVariable(CYCLE_ID)));
    }

    public void judgeTaskCreated(DelegateTask task) {
        long actionId = id(task.getVariable(ACTION_ID));
        task.setVariableLocal(ACTION_ID, actionId);
        task.setVariableLocal("actionSummary", steps.judgeSummary(actionId));
        inputsOwnedBy(task, "verdict", "verdictNote");
    }

    /** Check, second half: the owner's verdict decides Act (read by the gateway of this action's instance). */
    public void judged(DelegateTask task) {
        long actionId = id(task.getVariable(ACTION_ID));
        String verdict = FormValues.requiredText(task.getVariable("verdict"), "评估结论");
        steps.judged(actionId, verdict, FormValues.text(task.getVariable("verdictNote")),
                actors.of(task.getAssignee()));
        task.getExecution().setVariableLocal("verdict", verdict);
    }

    /** Act (effective): the standardize form starts from the current script of the figure's category. */
    public void standardizeTaskCreated(DelegateTask task) {
        long actionId = id(task.getVariable(ACTION_ID));
        Standardize view = steps.standardizeView(actionId);
        task.setVariableLocal(ACTION_ID, actionId);
        task.setVariableLocal("actionSummary", view.summary());
        inputsOwnedBy(task, "scriptCategory", "scriptTitle", "scriptBody");
        if (view.category() != null) {
            task.setVariableLocal("scriptCategory", view.category());
            view.script().ifPresent(s -> {
                task.setVariableLocal("scriptTitle", s.title());
                task.setVariableLocal("scriptBody", s.body());
            });
        }
    }

    public void standardized(DelegateTask task) {
        steps.standardized(id(task.getVariable(ACTION_ID)), FormValues.text(task.getVariable("scriptCategory")),
                FormValues.text(task.getVariable("scriptTitle")), FormValues.text(task.getVariable("scriptBody")),
                actors.of(task.getAssignee()));
    }

    /** Act (not effective): the action goes into the next cycle's plan. */
    public void carryOver(DelegateExecution execution) {
        steps.carryOver(id(execution.getVariable(ACTION_ID)));
    }

    public void closeCycle(DelegateExecution execution) {
        steps.closeCycle(id(execution.getVariable(CYCLE_ID)));
    }

    /**
     * The parallel instances of one step share the process scope: the form's inputs live on the task itself, so one
     * department's submission neither prefills nor answers another's.
     */
    private static void inputsOwnedBy(DelegateTask task, String... names) {
        for (String name : names) {
            task.setVariableLocal(name, null);
        }
    }

    private static long id(Object value) {
        return Long.parseLong(String.valueOf(value));
    }

    /** A date picked in a form, as the day it is in the business time zone; text as typed. */
    private String day(Object value) {
        return value instanceof Date date ? LocalDate.ofInstant(date.toInstant(), clock.zone()).toString()
                : FormValues.text(value);
    }
}
