package io.complaintflow.crisis;

import static io.complaintflow.crisis.CrisisProcess.*;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.engine.FormValues;
import io.complaintflow.mass.MassIncident;
import io.complaintflow.mass.MassIncidents;
import io.complaintflow.notification.MailTemplates;
import io.complaintflow.notification.NotificationService;
import io.complaintflow.notification.Recipients;
import io.complaintflow.pdca.PdcaHandover;
import io.complaintflow.pdca.PdcaHandovers;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The steps of crisis-response: open the crisis and call the commander, call the next level when nobody
 * acknowledges in time, the statement, the customer contact and regulator liaison, the review handed to PDCA.
 * Every step goes to the crisis log; for a complaint's crisis also to the complaint's timeline.
 */
@Service
public class CrisisService {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Crises crises;
    private final ComplaintRepository complaints;
    private final CrisisCommand command;
    private final Timeline timeline;
    private final MassIncidents incidents;
    private final PdcaHandovers pdca;
    private final Recipients recipients;
    private final NotificationService notifications;
    private final MailTemplates templates;
    private final BusinessClock clock;

    public CrisisService(Crises crises, ComplaintRepository complaints, CrisisCommand command,
                         Timeline timeline, MassIncidents incidents, PdcaHandovers pdca, Recipients recipients,
                         NotificationService notifications, MailTemplates templates, BusinessClock clock) {
        this.crises = crises;
        this.complaints = complaints;
        this.command = command;
        this.timeline = timeline;
        this.incidents = incidents;
        this.pdca = pdca;
        this.recipients = recipients;
        this.notifications = notifications;
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * First step of every start (G4 complaint, mass incident, API, Tasklist start form): records the crisis and calls
     * the first command level. A complaint's crisis takes title and description from the complaint unless given.
     */
    public Opened open(CrisisRequest request) {
        String source = Optional.ofNullable(request.source()).orElse(Crisis.MANUAL);
        String caseNumber = request.caseNumber();
        Complaint complaint = caseNumber == null || request.title() != null ? null
                : complaints.find(caseNumber).orElseThrow();
        String title = complaint != null ? CrisisStarter.title(caseNumber, complaint)
                : FormValues.requiredText(request.title(), "危机名称");
        Long incidentId = request.massIncidentId();
        String declaredBy = Optional.ofNullable(request.initiator()).orElse("system");
        String description = complaint != null ? complaint.description() : request.description();
        long id = crises.insert(request.processInstanceId(), source, caseNumber, incidentId, title, description,
                declaredBy, clock.now());
        String businessKey = request.businessKey() != null ? request.businessKey() : "CRISIS-" + id;
        crises.businessKey(id, businessKey);
        // the log's summaries make the forms' overview: a complaint's crisis is named by its case number there
        log(id, declaredBy, "DECLARED", "启动危机响应：" + (caseNumber != null ? "危机投诉 " + caseNumber : title),
                description);
        return new Opened(id, businessKey, caseNumber != null || incidentId != null, call(id, 1, businessKey));
    }

    /** Nobody acknowledged in time: the next level joins the acknowledgement and is told. */
    public Call callNextLevel(long id, int currentLevel, String businessKey) {
        int level = command.next(currentLevel);
        log(id, "system", "NOT_ACKNOWLEDGED", "指挥官未在期限内确认，呼叫第 " + level + " 级：" + command.group(level),
                null);
        return call(id, level, businessKey);
    }

    private Call call(long id, int level, String businessKey) {
        Instant due = command.acknowledgeDue(clock.now());
        crises.commandLevel(id, level);
        Crisis crisis = crises.find(id).orElseThrow();
        notifications.send(businessKey, "危机响应第 " + level + " 级",
                templates.crisisCalled(recipients.ofGroup(command.group(level)), crisis.title(),
                        crisis.description(), format(due), level));
        return new Call(level, command.groups(level), due);
    }

    public void acknowledged(long id, String commander, String note) {
        crises.acknowledged(id, commander, clock.now());
        log(id, commander, "ACKNOWLEDGED", commander + " 确认接管危机指挥", note);
    }

    public void statementDrafted(long id, String statement, String actor) {
        crises.statement(id, statement);
        log(id, actor, "STATEMENT_DRAFTED", "公关部起草公开声明", statement);
    }

    public void legalReviewed(long id, boolean approved, String note, String actor) {
        log(id, actor, "LEGAL_REVIEW", approved ? "法务审核通过声明" : "法务要求修改声明", note);
    }

    public void statementDecided(long id, boolean approved, String note, String actor) {
        log(id, actor, "STATEMENT_DECIDED", approved ? "应急小组批准发布声明" : "应急小组退回声明", note);
    }

    public void published(long id) {
        crises.published(id, clock.now());
        log(id, "system", "STATEMENT_PUBLISHED", "公开声明已发布", crises.find(id).orElseThrow().statement());
    }

    public void customerContacted(long id, String note, String actor) {
        crises.customerContacted(id, note, clock.now());
        log(id, actor, "CUSTOMER_CONTACTED", "高层已联系客户", note);
    }

    public void regulatorLiaison(long id, String note, String actor) {
        crises.regulatorLiaison(id, note);
        log(id, actor, "REGULATOR_LIAISON", "登记监管沟通情况", note);
    }

    public void reviewed(long id, String findings, String improvements, String actor) {
        log(id, actor, "REVIEWED", "危机复盘", "经过与原因：" + findings + "\n改进措施：" + improvements);
    }

    /** The review goes to PDCA (picked up by pdca-review later) and the crisis ends. */
    public PdcaHandover handOver(long id, String findings, String improvements) {
        Crisis crisis = crises.find(id).orElseThrow();
        String commander = Optional.ofNullable(crisis.commander()).orElse("system");
        PdcaHandover handover = pdca.handOver(PdcaHandover.CRISIS, crisis.businessKey(), "危机复盘：" + crisis.title(),
                findings, improvements, commander);
        crises.end(id, clock.now());
        log(id, commander, "HANDED_OVER", "危机响应结束，复盘已移交 PDCA 改进（编号 " + handover.id() + "）", null);
        return handover;
    }

    /** Writes the crisis log and, for a complaint or an incident, the complaint timelines. */
    private void log(long id, String actor, String kind, String summary, String detail) {
        crises.log(id, clock.now(), actor, kind, summary, detail);
        Crisis crisis = crises.find(id).orElseThrow();
        if (crisis.caseNumber() != null) {
            timeline.record(crisis.caseNumber(), actor, TimelineKind.CRISIS, "危机响应：" + summary, detail);
        } else if (crisis.massIncidentId() != null && isMilestone(kind)) {
            MassIncident incident = incidents.find(crisis.massIncidentId()).orElseThrow();
            incident.members().forEach(c -> timeline.record(c, actor, TimelineKind.CRISIS,
                    "群体事件 " + incident.label() + " 危机响应：" + summary, null));
        }
    }

    private static boolean isMilestone(String kind) {
        return kind.equals("DECLARED") || kind.equals("STATEMENT_PUBLISHED") || kind.equals("HANDED_OVER");
    }

    /**
     * The crisis forms' overview (a variable). A complaint's crisis names the complaint by its case number only — its
     * subject and description are the customer's words, read in the 案卷 tab — so none of them goes into the engine.
     */
    String summary(Crisis c) {
        StringBuilder s = new StringBuilder();
        s.append("危机：").append(c.caseNumber() != null ? "危机投诉 " + c.caseNumber() + "（详见案卷）" : c.title())
                .append('\n')
                .append("来源：").append(sourceLabel(c.source())).append("，").append(c.declaredBy()).append(" 于 ")
                .append(format(c.declaredAt())).append(" 启动\n")
                .append("指挥：").append(c.commander() == null ? "待确认（已呼叫第 " + c.commandLevel() + " 级）"
                        : c.commander() + "（" + format(c.acknowledgedAt()) + " 确认）").append('\n')
                .append("公开声明：").append(c.statementPublishedAt() != null ? "已发布"
                        : c.statement() != null ? "审核中" : "待起草").append('\n');
        if (c.description() != null && c.caseNumber() == null) {
            s.append("情况：").append(c.description()).append('\n');
        }
        s.append("经过：\n");
        crises.log(c.id()).forEach(e -> s.append(format(e.at())).append("  ").append(e.actor()).append("  ")
                .append(e.summary()).append('\n'));
        return s.toString();
    }

    static String sourceLabel(String source) {
        return switch (source) {
            case Crisis.COMPLAINT -> "危机投诉（G4）";
            case Crisis.MASS_INCIDENT -> "群体事件";
            case Crisis.CAMPAIGN -> "3·15 舆情监测";
            default -> "人工启动";
        };
    }

    private String format(Instant at) {
        return at == null ? "—" : TIME.format(at.atZone(clock.zone()));
    }

    /** A start as the model's first step reads it; {@code title} given or null (a complaint's crisis). */
    public record CrisisRequest(String processInstanceId, String businessKey, String source, String caseNumber,
                                String title, Long massIncidentId, String initiator, String description) {
    }

    public record Opened(long id, String businessKey, boolean hasCustomer, Call call) {
    }

    /** The command level called, its groups (the acknowledgement's candidates) and when it must acknowledge. */
    public record Call(int level, String groups, Instant acknowledgeDue) {
    }
}
