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

    /**
     * First step of every start (monitor, API, Tasklist start form): checks the request and records it. A start
     * without a business key gets one; a start without the monitor's figures is measured now.
     */
    public Registration register(SurgeRequest request) {
        Integer level = request.level();
        if (level == null || level < 1 || level > SurgeAssessor.MAX_LEVEL) {
            throw FormValues.invalid("响应级别须为 1、2 或 3");
        }
        boolean otherRunning = runtime.createProcessInstanceQuery().processDefinitionKey(KEY).list().stream()
                .anyMatch(p -> !p.getId().equals(request.processInstanceId()));
        if (otherRunning) {
            throw FormValues.invalid("已有激增响应在进行中，请在其协调任务中处理");
        }
        String trigger = request.trigger() == null ? SurgeActivation.MANUAL : request.trigger();
        String startedBy = SurgeActivation.MONITOR.equals(trigger) ? Actors.SYSTEM
                : Optional.ofNullable(request.initiator()).orElse(actors.current());
        String reason = Optional.ofNullable(request.reason()).orElse("人工启动");
        String businessKey = request.businessKey() != null ? request.businessKey()
                : "SURGE-" + KEY_TIME.format(clock.now().atZone(clock.zone()));
        Volume volume = request.windowCount() == null ? intake.measure(clock.now())
                : new Volume(clock.now(), request.windowCount(), request.baseline());
        long id = activations.insert(businessKey, request.processInstanceId(), trigger, startedBy, reason, level,
                volume, request.holdUntil(), clock.now());
        return new Registration(id, businessKey, level, trigger, reason, request.holdUntil(), summary(id));
    }

    /**
     * Calls in every roster from the last called level up to the current one: a record and a mail each. Returns the
     * level called so far.
     */
    public int callLevel(String businessKey, long id, int level, int called, String reason) {
        Volume volume = intake.measure(clock.now());
        for (int l = called + 1; l <= level; l++) {
            String roster = Groups.surgeRoster(l);
            activations.levelCalled(id, l, roster, volume, clock.now());
            notifications.send(businessKey, "激增响应第 " + l + " 级",
                    templates.surgeCalled(recipients.ofGroup(roster), l, Groups.all().get(roster), reason,
                            volume.describe()));
        }
        return Math.max(level, called);
    }

    /** The review every interval: raise, hold, or stand down; a raise says why. */
    public Review review(int level, Instant calmSince, Instant holdUntil) {
        Volume volume = intake.measure(clock.now());
        Assessment assessment = assessor.assess(volume, level, calmSince, holdUntil);
        return new Review(assessment, assessment.decision() == SurgeAssessor.Decision.RAISE
                ? "进线量继续上升：" + volume.describe() : null);
    }

    public void standDown(String businessKey, long id, Instant calmSince, int calledLevel) {
        String reason = "进线量自 " + (calmSince == null ? "—" : format(calmSince))
                + " 起低于一级阈值，" + intake.measure(clock.now()).describe();
        activations.end(id, reason, clock.now());
        List<String> to = new java.util.ArrayList<>();
        for (int l = 1; l <= calledLevel; l++) {
            to.addAll(recipients.ofGroup(Groups.surgeRoster(l)));
        }
        notifications.send(businessKey, "激增响应解除", templates.surgeStoodDown(to.stream().distinct().toList(), reason));
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

    Instant endOfDay(LocalDate day) {
        ZoneId zone = clock.zone();
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private String format(Instant at) {
        return TIME.format(at.atZone(clock.zone()));
    }

    /** A start as the model's first step reads it; {@code windowCount}/{@code baseline}: the monitor's figures. */
    public record SurgeRequest(String processInstanceId, String businessKey, Integer level, String trigger,
                               String initiator, String reason, Instant holdUntil, Long windowCount,
                               Double baseline) {
    }

    public record Registration(long id, String businessKey, int level, String trigger, String reason,
                               Instant holdUntil, String summary) {
    }

    /** {@code raisedBecause}: the new reason when the review raises the level, else null. */
    public record Review(Assessment assessment, String raisedBecause) {
    }
}
