package io.complaintflow.mailbox;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The complaint center's decisions on mails that needed a person: add the mail to a complaint's timeline (the person
 * vouches for it, and is named as who added it), or set it aside with a note.
 */
@Service
public class MailReviews {

    /** {@code action}: {@code add-to-timeline} (with {@code caseNumber}, default the mail's) or {@code dismiss}. */
    public record Decision(String action, String caseNumber, String note) {
    }

    private final MailboxMessages messages;
    private final ComplaintRepository complaints;
    private final Timeline timeline;
    private final BusinessClock clock;

    public MailReviews(MailboxMessages messages, ComplaintRepository complaints, Timeline timeline,
                       BusinessClock clock) {
        this.messages = messages;
        this.complaints = complaints;
        this.timeline = timeline;
        this.clock = clock;
    }

    @Transactional
    public MailRecord decide(long id, Decision decision, String user) {
        MailRecord mail = messages.find(id).filter(m -> m.reviewState() != null)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有待人工处理的邮件 " + id));
        List<FieldError> errors = new ArrayList<>();
        String action = decision == null ? null : decision.action();
        String note = decision == null || decision.note() == null ? null : decision.note().strip();
        if (note != null && note.length() > 500) {
            errors.add(new FieldError("note", "最多 500 个字符"));
        }
        String caseNumber = null;
        if ("add-to-timeline".equals(action)) {
            caseNumber = decision.caseNumber() == null || decision.caseNumber().isBlank() ? mail.caseNumber()
                    : decision.caseNumber().strip();
            if (caseNumber == null) {
                errors.add(new FieldError("caseNumber", "必填：加入哪一件投诉的时间线"));
            } else if (complaints.find(caseNumber).isEmpty()) {
                errors.add(new FieldError("caseNumber", "没有这个工单号"));
            }
        } else if ("dismiss".equals(action)) {
            if (note == null || note.isEmpty()) {
                errors.add(new FieldError("note", "必填：为什么不处理"));
            }
        } else {
            errors.add(new FieldError("action", "应为 add-to-timeline 或 dismiss"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (!MailboxMessages.OPEN.equals(mail.reviewState())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "该邮件已由 " + mail.resolvedBy() + " 处理");
        }
        String resolution;
        if (caseNumber != null) {
            timeline.record(caseNumber, user, TimelineKind.CUSTOMER_MESSAGE,
                    MailParser.clip("客户来信（" + (mail.sender() == null ? "发件人未知" : mail.sender()) + "，经 " + user
                            + " 核实后加入）：" + (mail.subject() == null ? "（无主题）" : mail.subject()), 500),
                    MailParser.clip((mail.text() == null ? "（邮件无正文）" : mail.text())
                            + (note == null || note.isEmpty() ? "" : "\n\n核实说明：" + note), 5000));
            resolution = "已加入 " + caseNumber + " 的时间线" + (note == null || note.isEmpty() ? "" : "：" + note);
        } else {
            resolution = "不处理：" + note;
        }
        if (!messages.resolve(id, user, clock.now(), resolution, caseNumber)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "该邮件已被他人处理");
        }
        return messages.find(id).orElseThrow();
    }
}
