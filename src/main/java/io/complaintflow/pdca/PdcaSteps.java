package io.complaintflow.pdca;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.CaseFileVariables;
import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Department;
import io.complaintflow.engine.FormValues;
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
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code pdca-review} (its expressions call {@link PdcaProcessAdapter}): open the cycle with the period's
 * analysis, take the plan, follow each action (reminder, escalation to the department's lead), observe, measure
 * before and after, take the owner's verdict, standardize or carry over, close.
 */
@Component
public class PdcaSteps {

    static final int SLOTS = PdcaProcess.SLOTS;

    private final PdcaCycles cycles;
    private final PdcaAnalysis analysis;
    private final PdcaHandovers handovers;
    private final Figures figures;
    private final RootCauses causes;
    private final AnswerScripts scripts;
    private final AnswerScriptService scriptService;
    private final PdcaSettings settings;
    private final BusinessClock clock;
    private final TaskService tasks;
    private final NotificationService notifications;
    private final MailTemplates templates;
    private final Recipients recipients;

    public PdcaSteps(PdcaCycles cycles, PdcaAnalysis analysis, PdcaHandovers handovers, Figures figures,
                       RootCauses causes, AnswerScripts scripts, AnswerScriptService scriptService,
                       PdcaSettings settings, BusinessClock clock, TaskService tasks,
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
        this.tasks = tasks;
    }

    /**
     * Plan, first half: the cycle's row, its analysis, the carried-over actions taken into the plan form's slots.
     * {@code trigger} null: by schedule without an initiator, else by hand; days as the start form gives them.
     */
    public OpenedCycle open(String trigger, String initiator, Long handoverId, String periodFrom, String periodTo,
                            String note, String processInstanceId) {
        if (trigger == null) {
            trigger = initiator == null ? PdcaCycle.SCHEDULE : PdcaCycle.MANUAL;
        }
        Period period = period(trigger, day(periodFrom, "分析期间起"), day(periodTo, "分析期间止"));
        String actor = initiator == null ? Actors.SYSTEM : initiator;
        long id = cycles.open(trigger, handoverId, period.fromDay(), period.toDay(), note, actor, clock.now());
        String businessKey = "PDCA-" + id;

        StringBuilder text = new StringBuilder(analysis.of(period));
        if (handoverId != null) {
            handovers.pickUp(handoverId, PdcaProcess.KEY);
            handovers.find(handoverId).ifPresent(h -> text.append("\n移交事项：").append(h.title())
                    .append(h.findings() == null ? "" : "\n经过与发现：" + h.findings())
                    .append(h.improvements() == null ? "" : "\n改进建议：" + h.improvements()).append('\n'));
        }
        if (note != null) {
            text.append("\n发起说明：").append(note).append('\n');
        }
        String analysisText = CaseFileVariables.fit(text.toString());
        cycles.started(id, businessKey, processInstanceId, analysisText);

        List<PdcaAction> pending = cycles.pendingCarryOvers();
        List<PdcaAction> carried = new ArrayList<>();
        StringBuilder carriedText = new StringBuilder();
        for (int i = 0; i < pending.size(); i++) {
            PdcaAction a = pending.get(i);
            if (i < SLOTS) {
                carried.add(a);
                cycles.takenInto(a.id(), id);
                carriedText.append("第 ").append(i + 1).append(" 项（上轮 PDCA-").append(a.cycleId()).append("）：")
                        .append(describe(a)).append('\n');
            } else {
                carriedText.append("另有 ").append(pending.size() - SLOTS).append(" 项留待下一轮\n");
                break;
            }
        }
        return new OpenedCycle(id, businessKey, trigger, analysisText, figures.options(), carried,
                carriedText.isEmpty() ? "无" : carriedText.toString());
    }

    /** Plan, second half: the owner's actions (up to three slots), each checked; none is a valid plan too. */
    public boolean plan(long cycleId, List<PlanSlot> slots, String actor, String planNote) {
        LocalDate today = LocalDate.ofInstant(clock.now(), clock.zone());
        List<PlannedAction> actions = new ArrayList<>();
        for (PlanSlot input : slots) {
            String text = input.text();
            if (text == null) {
                continue;
            }
            String label = "第 " + input.slot() + " 项措施";
            String department = FormValues.requiredText(input.department(), label + "的责任部门");
            if (Coded.parse(Department.class, department).isEmpty()) {
                throw FormValues.invalid(label + "：责任部门须为 " + Coded.codes(Department.class));
            }
            LocalDate due = day(input.due(), label + "的完成期限");
            if (due == null) {
                throw FormValues.invalid(label + "的完成期限为必填项");
            }
            if (due.isBefore(today)) {
                throw FormValues.invalid(label + "：完成期限不能早于今天");
            }
            String figureCode = FormValues.requiredText(input.figure(), label + "的衡量指标");
            Figure figure = Figure.parse(figureCode, causes)
                    .orElseThrow(() -> FormValues.invalid(label + "：衡量指标「" + figureCode + "」不在指标清单中"));
            if (text.length() > 2000) {
                throw FormValues.invalid(label + "：内容最长 2000 字");
            }
            actions.add(new PlannedAction(department, text, due, figure.code(), input.carriedFrom()));
        }
        int seq = 0;
        for (PlannedAction a : actions) {
            cycles.addAction(cycleId, ++seq, a.department(), a.text(), a.due(), a.figure(), a.carriedFrom());
        }
        cycles.planned(cycleId, actor, planNote, clock.now());
        return !actions.isEmpty();
    }

    public List<Long> actionIds(long cycleId) {
        return cycles.actions(cycleId).stream().map(PdcaAction::id).toList();
    }

    public String groupOf(long actionId) {
        return "dept-" + cycles.action(actionId).department();
    }

    /** The end of the due day in the business time zone. */
    public Instant dueOf(long actionId) {
        return dueEnd(cycles.action(actionId));
    }

    public Instant remindAt(long actionId) {
        Instant remind = dueEnd(cycles.action(actionId)).minus(settings.reminderBefore());
        return remind.isBefore(clock.now()) ? clock.now() : remind;
    }

    /** Do: the department's task shows its action. */
    public String doSummary(long actionId) {
        PdcaAction a = cycles.action(actionId);
        return "PDCA-" + a.cycleId() + " 第 " + a.seq() + " 项改进措施\n" + describe(a);
    }

    public void done(long actionId, String actor, String doneNote) {
        cycles.done(actionId, actor, doneNote, clock.now());
    }

    /** Reminder before the due day: recorded, mailed to the department, and the task rises in its list. */
    public void remind(long actionId, String processInstanceId, String businessKey) {
        PdcaAction a = cycles.action(actionId);
        cycles.reminded(a.id(), clock.now());
        openTask(processInstanceId, a).ifPresent(t -> tasks.setPriority(t.getId(), 80));
        mail(businessKey, a, "dept-" + a.department(), false);
    }

    /** Overdue: the department's lead group joins the task and gets a mail. */
    public void escalate(long actionId, String processInstanceId, String businessKey) {
        PdcaAction a = cycles.action(actionId);
        cycles.escalated(a.id(), clock.now());
        openTask(processInstanceId, a).ifPresent(t -> {
            tasks.addCandidateGroup(t.getId(), "dept-" + a.department() + "-lead");
            tasks.setPriority(t.getId(), 100);
        });
        mail(businessKey, a, "dept-" + a.department() + "-lead", true);
    }

    private void mail(String businessKey, PdcaAction a, String group, boolean overdue) {
        notifications.send(businessKey, overdue ? "PDCA 措施逾期" : "PDCA 措施提醒",
                templates.pdcaAction(recipients.ofGroup(group), businessKey,
                        Coded.labelOf(Department.class, a.department()), a.actionText(), a.dueDate().toString(),
                        overdue));
    }

    /** Every action done: the observation window starts now; returns when it ends. */
    public Instant startObservation(long cycleId) {
        Instant now = clock.now();
        Instant ends = now.plus(settings.observationWindow());
        cycles.doCompleted(cycleId, now, ends);
        return ends;
    }

    /** Check, first half: each action's figure in the window before the Do phase ended and in the one after. */
    public void measure(long cycleId) {
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

    public String judgeSummary(long actionId) {
        PdcaAction a = cycles.action(actionId);
        return "PDCA-" + a.cycleId() + " 第 " + a.seq() + " 项改进措施\n" + describe(a)
                + "\n完成情况：" + (a.doneNote() == null ? "—" : a.doneNote()) + "\n" + effect(a);
    }

    /** Check, second half: the owner's verdict decides Act. */
    public void judged(long actionId, String verdict, String note, String actor) {
        if (!PdcaAction.EFFECTIVE.equals(verdict) && !PdcaAction.INEFFECTIVE.equals(verdict)) {
            throw FormValues.invalid("评估结论须为 effective 或 ineffective");
        }
        cycles.judged(actionId, verdict, note, actor, clock.now());
    }

    /** Act (effective): the standardize form starts from the current script of the figure's category. */
    public Standardize standardizeView(long actionId) {
        PdcaAction a = cycles.action(actionId);
        String summary = "PDCA-" + a.cycleId() + " 第 " + a.seq() + " 项改进措施（评估有效）\n" + describe(a) + "\n"
                + effect(a);
        String category = a.figure().startsWith("category:") ? a.figure().substring("category:".length()) : null;
        return new Standardize(summary, category,
                category == null ? Optional.empty() : scripts.current(category));
    }

    public void standardized(long actionId, String category, String title, String body, String actor) {
        PdcaAction a = cycles.action(actionId);
        AnswerScript script = scriptService.publish(category, title, body, actor, a.cycleId());
        cycles.standardized(a.id(), script.id());
    }

    /** Act (not effective): the action goes into the next cycle's plan. */
    public void carryOver(long actionId) {
        cycles.carriedOver(cycles.action(actionId).id());
    }

    public void closeCycle(long cycleId) {
        cycles.closed(cycleId, clock.now());
    }

    private Optional<Task> openTask(String processInstanceId, PdcaAction a) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey("Task_CarryOutAction").taskVariableValueEquals(PdcaProcess.ACTION_ID, a.id()).list()
                .stream().findFirst();
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

    /** A day as a form gives it: {@code 2026-03-15}, or a date-time whose first ten characters are the day. */
    private static LocalDate day(String value, String label) {
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

    /** One slot of the plan form as submitted; {@code due} a day as text, {@code carriedFrom} the action it continues. */
    public record PlanSlot(int slot, String text, String department, String due, String figure, Long carriedFrom) {
    }

    /** {@code carried}: the earlier cycles' actions taken into the plan form's slots, in slot order. */
    public record OpenedCycle(long id, String businessKey, String trigger, String analysisText, Object figureOptions,
                              List<PdcaAction> carried, String carriedOverText) {
    }

    /** The standardize form's start: the action's summary, its figure's category and that category's script. */
    public record Standardize(String summary, String category, Optional<AnswerScript> script) {
    }
}
