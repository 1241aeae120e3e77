package io.complaintflow.mailbox;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.CaseFileVariables;
import io.complaintflow.complaint.Timestamps;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import io.complaintflow.intake.IntakeResult;
import io.complaintflow.intake.IntakeService;
import io.complaintflow.web.InvalidRequestException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One mail from the complaints mailbox: a reply naming a known case number in its subject goes to that case's
 * timeline; anything else becomes a complaint of channel {@code email} (validated as intake validates). The
 * message id is the complaint's external reference, so a mail read twice is still one complaint.
 */
@Service
public class MailIntake {

    public enum Outcome { CREATED, EXISTING, REPLY, REJECTED }

    static final String ACTOR = "customer-email";
    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);
    private static final Pattern CASE_NUMBER = Pattern.compile("CMP-\\d{8}-\\d{6}");
    private static final int MAX_TEXT = 4900;

    private final IntakeService intake;
    private final ComplaintRepository complaints;
    private final Timeline timeline;
    private final CaseFileVariables caseFile;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final BusinessClock clock;

    public MailIntake(IntakeService intake, ComplaintRepository complaints, Timeline timeline,
                      CaseFileVariables caseFile, PlatformTransactionManager transactions, JdbcClient jdbc,
                      BusinessClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.intake = intake;
        this.complaints = complaints;
        this.timeline = timeline;
        this.caseFile = caseFile;
    }

    /** Not one transaction: a refused complaint must not roll back the poll; a reply is written in its own. */
    public Outcome handle(MimeMessage message, int maxBytes) throws MessagingException {
        InternetAddress from = sender(message);
        String subject = clip(safeSubject(message), 200);
        String body = body(message, maxBytes);

        Matcher caseNumber = CASE_NUMBER.matcher(subject == null ? "" : subject);
        if (caseNumber.find() && complaints.find(caseNumber.group()).isPresent()) {
            String number = caseNumber.group();
            String sender = from == null ? "未知发件人" : from.getAddress();
            String detail = body == null ? "（邮件无正文）" : body;
            String ref = reference(message, from, subject);
            try {
                transaction.executeWithoutResult(status -> {
                    jdbc.sql("insert into mailbox_reply (message_ref, case_number, handled_at) values (?, ?, ?)")
                            .param(ref).param(number).param(Timestamps.odt(clock.now())).update();
                    timeline.record(number, ACTOR, TimelineKind.CUSTOMER_MESSAGE,
                            clip("客户来信（" + sender + "）：" + subject, 500), detail);
                    caseFile.refresh(number, null);
                });
            } catch (DuplicateKeyException alreadyAdded) {
                return Outcome.EXISTING;
            }
            return Outcome.REPLY;
        }
        if (from == null) {
            LOG.warn("Mail without a usable sender skipped: {}", subject);
            return Outcome.REJECTED;
        }
        String description = body != null ? body : subject != null ? "（邮件无正文）" + subject : null;
        String name = from.getPersonal() != null && !from.getPersonal().isBlank() ? clip(from.getPersonal(), 100)
                : clip(from.getAddress().substring(0, Math.max(1, from.getAddress().indexOf('@'))), 100);
        ComplaintRequest request = new ComplaintRequest("email", reference(message, from, subject), null, null,
                new CustomerRequest(name, null, from.getAddress(), null, false), null, null, subject, description,
                null, null, false, null);
        try {
            IntakeResult result;
            try {
                result = intake.accept(request, ACTOR);
            } catch (DuplicateKeyException concurrentTwin) {
                result = intake.existing(request);
            }
            return result.created() ? Outcome.CREATED : Outcome.EXISTING;
        } catch (InvalidRequestException e) {
            LOG.warn("Mail from {} not accepted as a complaint: {}", from.getAddress(), e.errors());
            return Outcome.REJECTED;
        }
    }

    private static InternetAddress sender(MimeMessage message) {
        try {
            Address[] from = message.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress address
                    && address.getAddress() != null && address.getAddress().contains("@")) {
                return address;
            }
        } catch (MessagingException badHeader) {
            LOG.debug("Unreadable From header", badHeader);
        }
        return null;
    }

    private static String safeSubject(MimeMessage message) {
        try {
            String subject = message.getSubject();
            return subject == null || subject.isBlank() ? null : subject.strip();
        } catch (MessagingException badHeader) {
            return null;
        }
    }

    /** The text, cut to what a complaint holds; a mail above {@code maxBytes} is not read at all. */
    private static String body(MimeMessage message, int maxBytes) throws MessagingException {
        int size = message.getSize();
        if (size > maxBytes) {
            return "（邮件过大：约 " + size / 1024 + " KB，超过 " + maxBytes / 1024
                    + " KB 的上限，正文未读取；原邮件保留在投诉邮箱中）";
        }
        try {
            String text = MailText.of(message);
            return text == null || text.isBlank() ? null : clip(text, MAX_TEXT);
        } catch (IOException | MessagingException unreadable) {
            LOG.warn("Mail body unreadable", unreadable);
            return "（邮件正文无法读取：" + unreadable.getClass().getSimpleName() + "；原邮件保留在投诉邮箱中）";
        }
    }

    /** A stable id of the mail within the channel: its Message-ID, else its sender, date and subject. */
    private static String reference(MimeMessage message, InternetAddress from, String subject)
            throws MessagingException {
        String id = message.getMessageID();
        if (id == null || id.isBlank()) {
            id = (from == null ? "" : from.getAddress()) + "|" + message.getSentDate() + "|" + subject;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "MAIL-" + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String clip(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 8)) + "…（已截断）";
    }
}
