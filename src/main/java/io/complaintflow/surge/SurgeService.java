package io.complaintflow.surge;

import static io.complaintflow.surge.SurgeProcess.*;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import io.complaintflow.notification.MailTemplates;
import io.complaintflow.notification.NotificationService;
import io.complaintflow.notification.Recipients;
import io.complaintflow.security.Groups;
import io.complaintflow.surge.SurgeAssessor.Assessment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * Starts surge responses (by the monitor or by hand) and does the work of the surge-response model's steps:
 * recording the activation, calling a level's roster in, reviewing volume, standing down.
 */
@PublishedForModels
@Service("surges")
public class SurgeService {

    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final RuntimeService runtime;
    private final SurgeActivations activations;
    private final IntakeVolume intake;
    private final SurgeAssessor assessor;
    private final Recipients recipients;
    private final NotificationService notifications;
    private final MailTemplates templates;
    private final BusinessClock clock;
    private final Actors actors;

    public SurgeService(RuntimeService runtime, SurgeActivations activations, IntakeVolume intake,
                        SurgeAssessor assessor, Recipients recipients, NotificationService notifications,
                        MailTemplates templates, BusinessClock clock, Actors actors) {
        this.runtime = runtime;
        this.activations = activations;
        this.intake = intake;
        this.assessor = assessor;
        this.recipients = recipients;
        this.notifications = notifications;
        this.templates = templates;
        this.clock = clock;
        this.actors = actors;
    }

    public Optional<ProcessInstance> running() {
        return runtime.createProcessInstanceQuery().processDefinitionKey(KEY).list().stream().findFirst();
    }

    public Volume volumeNow() {
        return intake.measure(clock.now());
    }

    /** The monitor found intake at {@code level}: starts the response. */
    public String startByMonitor(Volume volume, int level) {
        return start(level, SurgeActivation.MONITOR, "进线量激增：" + volume.describe(), null, volume);
    }

    /** A manager's start for a predictable surge (month end, 3·15); it holds at least until {@code holdUntil}. */
    public String startByHand(int level, String reason, LocalDate holdUntil) {
        return start(level, SurgeActivation.MANUAL, reason, holdUntil == null ? null : endOfDay(holdUntil), null);
    }

    private String start(int level, String trigger, String reason, Instant holdUntil, Volume volume) {
        String businessKey = "SURGE-" + KEY_TIME.format(clock.now().atZone(clock.zone()));
        runtime.createProcessInstanceByKey(KEY).businessKey(businessKey)
                .setVariables(Variables.createVariables()
                        .putValue(LEVEL, level)
                        .putValue(TRIGGER, trigger)
                        .putValue(REASON, reason)
                        .putValue(HOLD_UNTIL, holdUntil == null ? null : Date.from(holdUntil))
                        .putValue(WINDOW_COUNT, volume == null ? null : volume.count())
                        .putValue(BASELINE, volume == null ? null : volume.baseline()))
                .execute();
        return businessKey;
    }

    /** First step of every start (monitor, API, Tasklist start form): checks the request and records it. */
    public void register(DelegateExecution execution) {
        Integer level = FormValues.integer(execution.getVariable(LEVEL), "响应级别");
        if (level == null || level < 1 || level > SurgeAssessor.MAX_LEVEL) {
            throw FormValues.invalid("响应级别须为 1、2 或 3");
        }
        boolean otherRunning = runtime.createProcessInstanceQuery().processDefinitionKey(KEY).list().stream()
                .anyMatch(p -> !p.getId().equals(execution.getProcessInstanceId()));
        if (otherRunning) {
            throw FormValues.invalid("已有激增响应在进行中，请在其协调任务中处理");
        }
        String trigger = execution.getVariable(TRIGGER) == null ? SurgeActivation.MANUAL
                : (String) execution.getVariable(TRIGGER);
        String startedBy = SurgeActivation.MONITOR.equals(trigger) ? Actors.SYSTEM
                : Optional.ofNullable(FormValues.text(execution.getVariable(INITIATOR))).orElse(actors.current());
        String reason = Optional.ofNullable(FormValues.text(execution.getVariable(REASON))).orElse("人工启动");
        Instant holdUntil = holdUntil(execution.getVariable(HOLD_UNTIL));
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey("SURGE-" + KEY_TIME.format(clock.now().atZone(clock.zone())));
        }
        Volume volume = execution.getVariable(WINDOW_COUNT) == null ? intake.measure(clock.now())
                : new Volume(clock.now(), ((Number) execution.getVariable(WINDOW_COUNT)).longValue(),
                ((Number) execution.getVariable(BASELINE)).doubleValue());
        long id = activations.insert(execution.getProcessBusinessKey(), execution.getProcessInstanceId(), trigger,
                startedBy, reason, level, volume, holdUntil, clock.now());
        execution.setVariable(ACTIVATION_ID, id);
        execution.setVariable(LEVEL, level);
        execution.setVariable(TRIGGER, trigger);
        execution.setVariable(REASON, reason);
        execution.setVariable(HOLD_UNTIL, holdUntil == null ? null : Date.from(holdUntil));
        execution.setVariable(CALLED_LEVEL, 0);
        execution.setVariable(CALM_SINCE, null);
        execution.setVariable(SUMMARY, summary(id));
    }

    /** Calls in every roster from the last called level up to the current one: a record and a mail each. */
    public void callLevel(DelegateExecution execution) {
        long id = activationId(execution);
        int level = intOf(execution, LEVEL);
        int called = intOf(execution, CALLED_LEVEL);
        Volume volume = intake.measure(clock.now());
        String reason = (String) execution.getVariable(REASON);
        for (int l = called + 1; l <= level; l++) {
            String roster = Groups.surgeRoster(l);
            activations.levelCalled(id, l, roster, volume, clock.now());
            notifications.send(execution.getProcessBusinessKey(), "激增响应第 " + l + " 级",
                    templates.surgeCalled(recipients.ofGroup(roster), l, Groups.all().get(roster), reason,
                            volume.describe()));
        }
        execution.setVariable(CALLED_LEVEL, Math.max(level, called));
        execution.setVariable(SUMMARY, summary(id));
    }

    /** The review every interval: raise, hold, or stand down (the model's gateway reads {@code surgeTrend}). */
    public void review(DelegateExecution execution) {
        Volume volume = intake.measure(clock.now());
        Date calmSince = (Date) execution.getVariable(CALM_SINCE);
        Date holdUntil = (Date) execution.getVariable(HOLD_UNTIL);
        Assessment assessment = assessor.assess(volume, intOf(execution, LEVEL),
                calmSince == null ? null : calmSince.toInstant(), holdUntil == null ? null : holdUntil.toInstant());
        execution.setVariable(TREND, assessment.decision().code());
        execution.setVariable(LEVEL, assessment.level());
        execution.setVariable(CALM_SINCE, assessment.calmSince() == null ? null : Date.from(assessment.calmSince()));
        if (assessment.decision() == SurgeAssessor.Decision.RAISE) {
            execution.setVariable(REASON, "进线量继续上升：" + volume.describe());
        }
    }

    public void standDown(DelegateExecution execution) {
        long id = activationId(execution);
        Date calmSince = (Date) execution.getVariable(CALM_SINCE);
        String reason = "进线量自 " + (calmSince == null ? "—" : format(calmSince.toInstant()))
                + " 起低于一级阈值，" + intake.measure(clock.now()).describe();
        activations.end(id, reason, clock.now());
        List<String> to = new java.util.ArrayList<>();
        for (int l = 1; l <= intOf(execution, CALLED_LEVEL); l++) {
            to.addAll(recipients.ofGroup(Groups.surgeRoster(l)));
        }
        notifications.send(execution.getProcessBusinessKey(), "激增响应解除",
                templates.surgeStoodDown(to.stream().distinct().toList(), reason));
    }

    public void coordinated(long activationId, int level, String coordinator, Integer staffCount, String note) {
        activations.coordinated(activationId, level, coordinator, staffCount, note, clock.now());
    }

    /** Who coordinates a level: the complaint center's lead; from level 3 on the complaint managers too. */
    public String coordinatorGroup(Object level) {
        int l = level instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(level));
        return l >= 3 ? Groups.COMPLAINT_CENTER_LEAD + "," + Groups.COMPLAINT_MANAGERS : Groups.COMPLAINT_CENTER_LEAD;
    }

    String summary(long id) {
        SurgeActivation a = activations.find(id).orElseThrow();
        StringBuilder s = new StringBuilder();
        s.append("响应编号：").append(a.businessKey()).append('\n')
                .append("启动方式：").append(SurgeActivation.MONITOR.equals(a.trigger()) ? "进线量监控自动启动" : "人工启动（" + a.startedBy() + "）").append('\n')
                .append("启动时间：").append(format(a.startedAt())).append('\n')
                .append("启动原因：").append(a.reason() == null ? "—" : a.reason()).append('\n');
        if (a.holdUntil() != null) {
            s.append("计划持续至：").append(format(a.holdUntil())).append('\n');
        }
        s.append("已召集：");
        if (a.levels().isEmpty()) {
            s.append("—");
        }
        for (SurgeActivation.Level l : a.levels()) {
            s.append("\n  第 ").append(l.level()).append(" 级 ").append(Groups.all().get(l.rosterGroup()))
                    .append("，").append(format(l.calledAt()))
                    .append(l.staffCount() == null ? "" : "，到岗 " + l.staffCount() + " 人");
        }
        return s.toString();
    }

    private Instant holdUntil(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        String text = FormValues.text(value);
        if (text == null) {
            return null;
        }
        try {
            return endOfDay(LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text));
        } catch (java.time.format.DateTimeParseException e) {
            throw FormValues.invalid("计划持续日期格式应为 2026-03-31");
        }
    }

    private Instant endOfDay(LocalDate day) {
        ZoneId zone = clock.zone();
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private String format(Instant at) {
        return TIME.format(at.atZone(clock.zone()));
    }

    private static long activationId(DelegateExecution execution) {
        return ((Number) execution.getVariable(ACTIVATION_ID)).longValue();
    }

    private static int intOf(DelegateExecution execution, String name) {
        return ((Number) execution.getVariable(name)).intValue();
    }
}
