package io.complaintflow.privacy;

import static io.complaintflow.complaint.Timestamps.instant;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.ComplaintView;
import io.complaintflow.complaint.ComplaintViews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything held about a customer (PIPL Art. 45): each complaint with its timeline, the mails they sent us and
 * we sent them, their survey answers, the names of their attachments. Every complaint exported is logged.
 */
@Service
public class SubjectExport {

    public record SurveyAnswer(Instant sentAt, Instant answeredAt, Integer score, String reasons) {
    }

    public record MailReceived(Instant receivedAt, String sender, String subject, String text, String outcome) {
    }

    public record MailSent(Instant sentAt, String purpose, String to, String subject, String html) {
    }

    public record Attachment(Instant receivedAt, String fileName, String contentType, int sizeBytes) {
    }

    public record ComplaintData(ComplaintView complaint, List<SurveyAnswer> surveyAnswers,
                                List<MailReceived> mailsReceived, List<MailSent> mailsSent,
                                List<Attachment> attachments) {
    }

    public record SubjectData(String subject, Instant exportedAt, String exportedBy, List<ComplaintData> complaints) {
    }

    private final SubjectRecords records;
    private final ComplaintRepository complaints;
    private final ComplaintViews views;
    private final JdbcClient jdbc;
    private final HistoryService history;
    private final AccessLog log;
    private final BusinessClock clock;

    public SubjectExport(SubjectRecords records, ComplaintRepository complaints, ComplaintViews views, JdbcClient jdbc,
                         HistoryService history, AccessLog log, BusinessClock clock) {
        this.records = records;
        this.complaints = complaints;
        this.views = views;
        this.jdbc = jdbc;
        this.history = history;
        this.log = log;
        this.clock = clock;
    }

    @Transactional
    public SubjectData export(Subject subject, String officer) {
        List<String> caseNumbers = records.caseNumbers(subject);
        List<ComplaintData> data = new ArrayList<>();
        for (String caseNumber : caseNumbers) {
            complaints.find(caseNumber).ifPresent(c -> data.add(new ComplaintData(views.withTimeline(c),
                    surveys(caseNumber), mailsReceived(caseNumber), mailsSent(caseNumber), attachments(caseNumber))));
        }
        log.record(officer, caseNumbers, AccessLog.Door.EXPORT, "subject access export (" + subject.describe() + ")");
        return new SubjectData(subject.describe(), clock.now(), officer, data);
    }

    private List<SurveyAnswer> surveys(String caseNumber) {
        return jdbc.sql("select created_at, used_at, score, reasons from survey_token where case_number = ?"
                        + " order by created_at")
                .param(caseNumber)
                .query((rs, n) -> new SurveyAnswer(instant(rs, "created_at"), instant(rs, "used_at"),
                        (Integer) rs.getObject("score"), rs.getString("reasons")))
                .list();
    }

    private List<MailReceived> mailsReceived(String caseNumber) {
        return jdbc.sql("select received_at, handled_at, sender, subject, body_text, outcome from mailbox_message"
                        + " where case_number = ? order by handled_at, id")
                .param(caseNumber)
                .query((rs, n) -> new MailReceived(instant(rs, "received_at") != null ? instant(rs, "received_at")
                        : instant(rs, "handled_at"), rs.getString("sender"), rs.getString("subject"),
                        rs.getString("body_text"), rs.getString("outcome")))
                .list();
    }

    private List<Attachment> attachments(String caseNumber) {
        return jdbc.sql("select received_at, file_name, content_type, size_bytes from mailbox_attachment"
                        + " where case_number = ? order by received_at, id")
                .param(caseNumber)
                .query((rs, n) -> new Attachment(instant(rs, "received_at"), rs.getString("file_name"),
                        rs.getString("content_type"), rs.getInt("size_bytes")))
                .list();
    }

    /** The notification process keeps each mail it sent as its variables (one instance per mail). */
    private List<MailSent> mailsSent(String caseNumber) {
        List<MailSent> sent = new ArrayList<>();
        for (HistoricProcessInstance mail : history.createHistoricProcessInstanceQuery()
                .processDefinitionKey("notification").processInstanceBusinessKey(caseNumber)
                .orderByProcessInstanceStartTime().asc().list()) {
            Map<String, Object> vars = new LinkedHashMap<>();
            for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
                    .processInstanceId(mail.getId()).disableCustomObjectDeserialization().list()) {
                vars.put(v.getName(), v.getValue());
            }
            sent.add(new MailSent(mail.getStartTime().toInstant(), string(vars.get("mailPurpose")),
                    string(vars.get("mailTo")), string(vars.get("mailSubject")), string(vars.get("mailBody"))));
        }
        return sent;
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }
}
