package io.complaintflow.pdca;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.CaseFileVariables;
import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Department;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import io.complaintflow.notification.MailTemplates;
import io.complaintflow.notification.NotificationService;
import io.complaintflow.notification.Recipients;
import io.complaintflow.report.Period;
import io.complaintflow.web.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code pdca-review}, called from the model's expressions ({@code ${pdcaProcess.…}}): open the cycle
 * with the period's analysis, take the plan, follow each action (reminder, escalation to the department's lead),
 * observe, measure before and after, take the owner's verdict, standardize or carry over, close.
 */
@PublishedForModels
@Component("pdcaProcess")
public class PdcaProcess {

    public static final String KEY = "pdca-review";
    public static final int SLOTS = 3;
    static final String CYCLE_ID = "cycleId";
    static final String ACTION_ID = "actionId";

    private final PdcaCycles cycles;
    private final PdcaAnalysis analysis;
    private final PdcaHandovers handovers;
    private final Figures figures;
    private final RootCauses causes;
    private final AnswerScripts scripts;
    private final AnswerScriptService scriptService;
    private final PdcaSettings settings;
    private final BusinessClock clock;
    private final Actors actors;
    private final TaskService tasks;
    private final NotificationService notifications;
    private final MailTemplates templates;
    private final Recipients recipients;

    public PdcaProcess(PdcaCycles cycles, PdcaAnalysis analysis, PdcaHandovers handovers, Figures figures,
                       RootCauses causes, AnswerScripts scripts, AnswerScriptService scriptService,
                       PdcaSettings settings, BusinessClock clock, Actors actors, TaskService tasks,
                       NotificationService notifications, MailTemplates templates, Recipients recipients) {
        this.notifications = notifications;
        this.templates = templates;
        this.recipients = recipients;
        this.cycles = cycles;
        this.analysis = analysis;
        this.handovers = handovers;
        this.figures = figures;
        this.causes = causes;
        this.scripts = scripts;
        this.scriptService = scriptService;
        this.settings = settings;
        this.clock = clock;
        this.actors = actors;
        this.tasks = tasks;
    }

    /** Plan, first half: the cycle's row, its analysis, the carried-over actions prefilled in the plan form. */
    public void openCycle(DelegateExecution execution) {
        String initiator = FormValues.text(execution.getVariable("initiator"));
        String trigger = FormValues.text(execution.getVariable("trigger"));
        if (trigger == null) {
            trigger = initiator == null ? PdcaCycle.SCHEDULE : PdcaCycle.MANUAL;
        }
        Object handoverValue = execution.getVariable("handoverId");
        Long handoverId = handoverValue == null ? null : Long.valueOf(handoverValue.toString());
        Period period = period(trigger, day(execution.getVariable("periodFrom"), "分析期间起"),
                day(execution.getVariable("periodTo"), "分析期间止"));
        String note = FormValues.text(execution.getVariable("note"));
        String actor = initiator == null ? Actors.SYSTEM : initiator;
        long id = cycles.open(trigger, handoverId, period.fromDay(), period.toDay(), note, actor, clock.now());
        String businessKey = "PDCA-" + id;
        execution.setProcessBusinessKey(businessKey);

        StringBuilder text = new StringBuilder(analysis.of(period));
        if (handoverId != null) {
            handovers.pickUp(handoverId, KEY);
            handovers.find(handoverId).ifPresent(h -> text.append("\n移交事项：").append(h.title())
                    .append(h.findings() == null ? "" : "\n经过与发现：" + h.findings())
                    .append(h.improvements() == null ? "" : "\n改进建议：" + h.improvements()).append('\n'));
        }
        if (note != null) {
            text.append("\n发起说明：").append(note).append('\n');
        }
        String analysisText = CaseFileVariables.fit(text.toString());
        cycles.started(id, businessKey, execution.getProcessInstanceId(), analysisText);

        Map<String, Object> variables = new HashMap<>();
        variables.put(CYCLE_ID, id);
        variables.put("trigger", trigger);
        variables.put("analysisText", analysisText);
        variables.put("figureOptions", figures.options());
        List<PdcaAction> pending = cycles.pendingCarryOvers();
        StringBuilder carried = new StringBuilder();
        for (int i = 0; i < pending.size(); i++) {
            PdcaAction a = pending.get(i);
            if (i < SLOTS) {
                int slot = i + 1;
                variables.put("action" + slot + "Department", a.department());
                variables.put("action" + slot + "Text", a.actionText());
                variables.put("action" + slot + "Figure", a.figure());
                variables.put("action" + slot + "CarriedFrom", a.id());
                cycles.takenInto(a.id(), id);
                carried.append("第 ").append(slot).append(" 项（上轮 PDCA-").append(a.cycleId()).append("）：")
                        .append(describe(a)).append('\n');
            } else {
                carried.append("另有 ").append(pending.size() - SLOTS).append(" 项留待下一轮\n");
                break;
            }
        }
        variables.put("carriedOverText", carried.isEmpty() ? "无" : carried.toString());
        execution.setVariables(variables);
    }

    /** Plan, second half: the owner's actions (up to three slots), each checked; none is a valid plan too. */
    public void planned(DelegateTask task) {
        long cycleId = cycleId(task.getVariable(CYCLE_ID));
        LocalDate today = LocalDate.ofInstant(clock.now(), clock.zone());
        List<PlannedAction> actions = new ArrayList<>();
        for (int slot = 1; slot <= SLOTS; slot++) {
            String text = FormValues.text(task.getVariable("action" + slot + "Text"));
            if (text == null) {
                continue;
            }
            String label = "第 " + slot + " 项措施";
            String department = FormValues.requiredText(task.getVariable("action" + slot + "Department"),
                    label + "的责任部门");
            if (Coded.parse(Department.class, department).isEmpty()) {
                throw FormValues.invalid(label + "：责任部门须为 " + Coded.codes(Department.class));
            }
            LocalDate due = day(task.getVariable("action" + slot + "Due"), label + "的完成期限");
            if (due == null) {
                throw FormValues.invalid(label + "的完成期限为必填项");
            }
            if (due.isBefore(today)) {
                throw FormValues.invalid(label + "：完成期限不能早于今天");
            }
            String figureCode = FormValues.requiredText(task.getVariable("action" + slot + "Figure"), label + "的衡量指标");
            Figure figure = Figure.parse(figureCode, causes)
                    .orElseThrow(() -> FormValues.invalid(label + "：衡量指标「" + figureCode + "」不在指标清单中"));
            if (text.length() > 2000) {
                throw FormValues.invalid(label + "：内容最长 2000 字");
            }
            Object carried = task.getVariable("action" + slot + "CarriedFrom");
            actions.add(new PlannedAction(department, text, due, figure.code(),
                    carried == null ? null : Long.valueOf(carried.toString())));
        }
        int seq = 0;
        for (PlannedAction a : actions) {
            cycles.addAction(cycleId, ++seq, a.department(), a.text(), a.due(), a.figure(), a.carriedFrom());
        }
        cycles.planned(cycleId, actors.of(task), FormValues.text(task.getVariable("planNote")), clock.now());
        task.setVariable("hasActions", !actions.isEmpty());
    }

    public List<Long> actionIds(Object cycleId) {
        return cycles.actions(cycleId(cycleId)).stream().map(PdcaAction::id).toList();
    }

    public String groupOf(Object actionId) {
        return "dept-" + action(actionId).department();
    }

    /** The end of the due day in the business time zone. */
    public Date dueOf(Object actionId) {
        return Date.from(dueEnd(action(actionId)));
    }

    public Date remindAt(Object actionId) {
        Instant remind = dueEnd(action(actionId)).minus(settings.reminderBefore());
        return Date.from(remind.isBefore(clock.now()) ? clock.now() : remind);
    }

    /** Do: the department's task shows its action. */
    public void actionTaskCreated(DelegateTask task) {
        PdcaAction a = action(task.getVariable(ACTION_ID));
        task.setVariableLocal(ACTION_ID, a.id());
        task.setVariableLocal("actionSummary", "PDCA-" + a.cycleId() + " 第 " + a.seq() + " 项改进措施\n" + describe(a));
        inputsOwnedBy(task, "doneNote");
    }

    public void actionDone(DelegateTask task) {
        PdcaAction a = action(task.getVariable(ACTION_ID));
        cycles.done(a.id(), actors.of(task), FormValues.requiredText(task.getVariable("doneNote"), "完成情况"),
                clock.now());
    }

    /** Reminder before the due day: recorded, mailed to the department, and the task rises in its list. */
    public void remind(DelegateExecution execution) {
        PdcaAction a = action(execution.getVariable(ACTION_ID));
        cycles.reminded(a.id(), clock.now());
        openTask(execution, a).ifPresent(t -> tasks.setPriority(t.getId(), 80));
        mail(execution, a, "dept-" + a.department(), false);
    }

    /** Overdue: the department's lead group joins the task and gets a mail. */
    public void escalate(DelegateExecution execution) {
        PdcaAction a = action(execution.getVariable(ACTION_ID));
        cycles.escalated(a.id(), clock.now());
        openTask(execution, a).ifPresent(t -> {
            tasks.addCandidateGroup(t.getId(), "dept-" + a.department() + "-lead");
            tasks.setPriority(t.getId(), 100);
        });
        mail(execution, a, "dept-" + a.department() + "-lead", true);
    }

    private void mail(DelegateExecution execution, PdcaAction a, String group, boolean overdue) {
        notifications.send(execution.getProcessBusinessKey(), overdue ? "PDCA 措施逾期" : "PDCA 措施提醒",
                templates.pdcaAction(recipients.ofGroup(group), execution.getProcessBusinessKey(),
                        Coded.labelOf(Department.class, a.department()), a.actionText(), a.dueDate().toString(),
                        overdue));
    }

    /** Every action done: the observation window starts now. */
    public void startObservation(DelegateExecution execution) {
        Instant now = clock.now();
        Instant ends = now.plus(settings.observationWindow());
        cycles.doCompleted(cycleId(execution.getVariable(CYCLE_ID)), now, ends);
        execution.setVariable("observationEndsAt", Date.from(ends));
    }

    /** Check, first half: each action's figure in the window before the Do phase ended and in the one after. */
    public void measure(DelegateExecution execution) {
        long cycleId = cycleId(execution.getVariable(CYCLE_ID));
        PdcaCycle cycle = cycles.find(cycleId).orElseThrow();
        Instant split = cycle.doCompletedAt();
        Instant before = split.minus(settings.observationWindow());
        Instant after = split.plus(settings.observationWindow());
        for (PdcaAction a : cycle.actions()) {
            Figure figure = Figure.parse(a.figure(), causes).orElseThrow();
            cycles.measured(a.id(), before, split, after, figures.value(figure, before, split),
                    figures.value(figure, split, after));
        }
        cycles.status(cycleId, PdcaCycle.CHECKING);
    }

    public void judgeTaskCreated(DelegateTask task) {
        PdcaAction a = action(task.getVariable(ACTION_ID));
        task.setVariableLocal(ACTION_ID, a.id());
        task.setVariableLocal("actionSummary", "PDCA-" + a.cycleId() + " 第 " + a.seq() + " 项改进措施\n" + describe(a)
                + "\n完成情况：" + (a.doneNote() == null ? "—" : a.doneNote()) + "\n" + effect(a));
        inputsOwnedBy(task, "verdict", "verdictNote");
    }

    /** Check, second half: the owner's verdict decides Act. */
    public void judged(DelegateTask task) {
        PdcaAction a = action(task.getVariable(ACTION_ID));
        String verdict = FormValues.requiredText(task.getVariable("verdict"), "评估结论");
        if (!PdcaAction.EFFECTIVE.equals(verdict) && !PdcaAction.INEFFECTIVE.equals(verdict)) {
            throw FormValues.invalid("评估结论须为 effective 或 ineffective");
        }
        cycles.judged(a.id(), verdict, FormValues.text(task.getVariable("verdictNote")), actors.of(task), clock.now());
        task.getExecution().setVariableLocal("verdict", verdict);
    }

    /** Act (effective): the standardize form starts from the current script of the figure's category. */
    public void standardizeTaskCreated(DelegateTask task) {
        PdcaAction a = action(task.getVariable(ACTION_ID));
        task.setVariableLocal(ACTION_ID, a.id());
        task.setVariableLocal("actionSummary", "PDCA-" + a.cycleId() + " 第 " + a.seq() + " 项改进措施（评估有效）\n"
                + describe(a) + "\n" + effect(a));
        inputsOwnedBy(task, "scriptCategory", "scriptTitle", "scriptBody");
        String category = a.figure().startsWith("category:") ? a.figure().substring("category:".length()) : null;
        if (category != null) {
            task.setVariableLocal("scriptCategory", category);
            scripts.current(category).ifPresent(s -> {
                task.setVariableLocal("scriptTitle", s.title());
                task.setVariableLocal("scriptBody", s.body());
            });
        }
    }

    public void standardized(DelegateTask task) {
        PdcaAction a = action(task.getVariable(ACTION_ID));
        AnswerScript script = scriptService.publish(FormValues.text(task.getVariable("scriptCategory")),
                FormValues.text(task.getVariable("scriptTitle")), FormValues.text(task.getVariable("scriptBody")),
                actors.of(task), a.cycleId());
        cycles.standardized(a.id(), script.id());
    }

    /** Act (not effective): the action goes into the next cycle's plan. */
    public void carryOver(DelegateExecution execution) {
        cycles.carriedOver(action(execution.getVariable(ACTION_ID)).id());
    }

    public void closeCycle(DelegateExecution execution) {
        cycles.closed(cycleId(execution.getVariable(CYCLE_ID)), clock.now());
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

    private java.util.Optional<Task> openTask(DelegateExecution execution, PdcaAction a) {
        return tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey("Task_CarryOutAction").taskVariableValueEquals(ACTION_ID, a.id()).list().stream()
                .findFirst();
    }

    String describe(PdcaAction a) {
        return "责任部门：" + Coded.labelOf(Department.class, a.department()) + "；完成期限：" + a.dueDate()
                + "；衡量指标：" + a.figureLabel() + "\n措施：" + a.actionText();
    }

    private String effect(PdcaAction a) {
        if (a.split() == null) {
            return "";
        }
        ZoneId zone = clock.zone();
        Figure figure = Figure.parse(a.figure(), causes).orElseThrow();
        String change = "";
        if (a.beforeValue() != null && a.afterValue() != null) {
            boolean better = figure.lowerIsBetter() ? a.afterValue() < a.beforeValue() : a.afterValue() > a.beforeValue();
            boolean same = a.afterValue().equals(a.beforeValue());
            change = same ? "（无变化）" : better ? "（改善）" : "（变差）";
        }
        return "指标「" + a.figureLabel() + "」\n之前（" + LocalDate.ofInstant(a.beforeFrom(), zone) + " 起）："
                + value(a.beforeValue()) + "\n之后（至 " + LocalDate.ofInstant(a.afterTo().minusMillis(1), zone) + "）："
                + value(a.afterValue()) + change;
    }

    private static String value(Double v) {
        return v == null ? "无数据" : String.valueOf(v);
    }

    private Instant dueEnd(PdcaAction a) {
        return a.dueDate().plusDays(1).atStartOfDay(clock.zone()).toInstant();
    }

    private PdcaAction action(Object id) {
        return cycles.action(Long.parseLong(String.valueOf(id)));
    }

    private static long cycleId(Object value) {
        return Long.parseLong(String.valueOf(value));
    }

    /** The analysis period: given days, or the last calendar month (schedule), or the last 30 days. */
    private Period period(String trigger, LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.ofInstant(clock.now(), clock.zone());
        if (from == null && to == null && PdcaCycle.SCHEDULE.equals(trigger)) {
            LocalDate first = today.withDayOfMonth(1).minusMonths(1);
            return Period.parse(first.toString(), first.plusMonths(1).minusDays(1).toString(), today, clock.zone());
        }
        try {
            return Period.parse(from == null ? null : from.toString(), to == null ? null : to.toString(), today,
                    clock.zone());
        } catch (InvalidRequestException e) {
            // a start form in Tasklist: the same words as the API's field errors
            throw FormValues.invalid("分析期间：" + String.join("；", e.errors().stream()
                    .map(err -> err.field() + " " + err.message()).toList()));
        }
    }

    private LocalDate day(Object value, String label) {
        if (value instanceof Date date) {
            return LocalDate.ofInstant(date.toInstant(), clock.zone());
        }
        String text = FormValues.text(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw FormValues.invalid(label + "须为日期，如 2026-03-15");
        }
    }


    private record PlannedAction(String department, String text, LocalDate due, String figure, Long carriedFrom) {
    }
}
