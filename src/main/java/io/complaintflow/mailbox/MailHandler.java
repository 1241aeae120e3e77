package io.complaintflow.mailbox;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.complaint.Timestamps;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import io.complaintflow.intake.IntakeResult;
import io.complaintflow.intake.IntakeService;
import io.complaintflow.mailbox.Handled.Outcome;
import io.complaintflow.notification.MailProperties;
import io.complaintflow.web.InvalidRequestException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What one mail causes, committed in one transaction with its {@code mailbox_message} row: a new complaint, the
 * customer's reply on the timeline, a bounce marking the address unreachable — or only an entry on the complaint
 * center's "needs a person" list. A reply is the customer's only when it comes from the complaint's customer
 * address; automatic mail never reaches a timeline as the customer's word.
 */
@Service
public class MailHandler {

    static final String ACTOR = "customer-email";
    private static final Logger LOG = LoggerFactory.getLogger(MailHandler.class);

    /** Where the mail came from, for the record. */
    public record Source(String mailbox, Instant receivedAt, String node) {
    }

    private final IntakeService intake;
    private final ComplaintRepository complaints;
    private final Timeline timeline;
    private final TransactionTemplate transaction;
    private final BusinessClock clock;
    private final MailboxMessages messages;
    private final MailboxAttachments attachments;
    private final ReplyMatcher matcher;
    private final JdbcClient jdbc;
    private final String ownAddress;

    public MailHandler(IntakeService intake, ComplaintRepository complaints, Timeline timeline,
                       PlatformTransactionManager transactions, BusinessClock clock,
                       MailboxMessages messages, MailboxAttachments attachments, ReplyMatcher matcher,
                       JdbcClient jdbc,
                       MailProperties mail) {
        this.intake = intake;
        this.complaints = complaints;
        this.timeline = timeline;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.messages = messages;
        this.attachments = attachments;
        this.matcher = matcher;
        this.jdbc = jdbc;
        this.ownAddress = mail.from();
    }

    /**
     * Handles the mail; {@code beforeCommit} runs last inside the transaction (the poller's crash tests stop there).
     * A mail taken before is {@link Outcome#ALREADY_HANDLED}. A failure (the database, say) throws and leaves
     * nothing behind, so the mail is read again.
     */
    public Handled handle(ParsedMail mail, Source source, Runnable beforeCommit) {
        Optional<Handled> before = messages.previous(mail.reference());
        if (before.isPresent()) {
            return before.get();
        }
        try {
            return transaction.execute(status -> {
                long id = messages.claim(mail, source.mailbox(), source.receivedAt(), clock.now(), source.node());
                Handled handled = act(mail);
                messages.complete(id, handled, mail, detail(mail, handled));
                beforeCommit.run();
                return handled;
            });
        } catch (NotAccepted refused) {
            Map<Problem, String> problems = new EnumMap<>(mail.problems());
            problems.put(Problem.NOT_ACCEPTED, refused.getMessage());
            Handled handled = new Handled(Outcome.REVIEW, null, problems);
            return transaction.execute(status -> {
                long id = messages.claim(mail, source.mailbox(), source.receivedAt(), clock.now(), source.node());
                messages.complete(id, handled, mail, detail(mail, handled));
                return handled;
            });
        } catch (DuplicateKeyException raced) {
            return messages.previous(mail.reference()).orElseThrow(() -> raced);
        }
    }

    /** A mail whose handling failed again and again: recorded for a person so the poller stops tripping over it. */
    public Handled giveUp(ParsedMail mail, Source source, String error) {
        Map<Problem, String> problems = new EnumMap<>(mail.problems());
        problems.put(Problem.FAILED, error);
        Handled handled = new Handled(Outcome.REVIEW, null, problems);
        return transaction.execute(status -> {
            long id = messages.claim(mail, source.mailbox(), source.receivedAt(), clock.now(), source.node());
            messages.complete(id, handled, mail, detail(mail, handled));
            return handled;
        });
    }

    private Handled act(ParsedMail mail) {
        Map<Problem, String> problems = new EnumMap<>(mail.problems());
        AutoReply auto = mail.autoReply();
        if (auto.kind() == AutoReply.Kind.BOUNCE) {
            return bounce(mail, auto, problems);
        }
        if (auto.automatic() || ownAddress.equalsIgnoreCase(String.valueOf(mail.sender()))) {
            ReplyMatcher.Match match = matcher.match(mail);
            return new Handled(Outcome.AUTO_REPLY, match.caseNumber(), problems);
        }
        ReplyMatcher.Match match = matcher.match(mail);
        if (match.found()) {
            return reply(mail, match, problems);
        }
        if (mail.from() == null) {
            return new Handled(Outcome.REVIEW, null, problems);
        }
        return complaint(mail, problems);
    }

    private Handled reply(ParsedMail mail, ReplyMatcher.Match match, Map<Problem, String> problems) {
        String caseNumber = match.caseNumber();
        if (match.conflict() != null) {
            problems.put(Problem.AMBIGUOUS, "线程属于 " + caseNumber + "，主题写的是 " + match.conflict());
            return new Handled(Outcome.REVIEW, caseNumber, problems);
        }
        Complaint complaint = complaints.find(caseNumber).orElseThrow();
        String customer = complaint.customer().email();
        if (mail.from() == null || customer == null || !customer.strip().equalsIgnoreCase(mail.sender())) {
            problems.put(Problem.NOT_CUSTOMER, customer == null ? "该投诉没有登记客户邮箱"
                    : "发件人 " + (mail.sender() == null ? "未知" : mail.sender()) + "（按" + via(match) + "对应到 "
                            + caseNumber + "）");
            return new Handled(Outcome.REVIEW, caseNumber, problems);
        }
        String detail = (mail.text() == null ? "（邮件无正文）" : mail.text())
                + attachmentList(keep(caseNumber, mail));
        timeline.record(caseNumber, ACTOR, TimelineKind.CUSTOMER_MESSAGE,
                MailParser.clip("客户来信（" + mail.sender() + "）：" + (mail.subject() == null ? "（无主题）"
                        : mail.subject()), 500), MailParser.clip(detail, 5000));
        return new Handled(Outcome.REPLY, caseNumber, problems);
    }

    private static String via(ReplyMatcher.Match match) {
        return "thread".equals(match.via()) ? "邮件线程" : "主题中的工单号";
    }

    private Handled complaint(ParsedMail mail, Map<Problem, String> problems) {
        String description = mail.text() != null ? mail.text()
                : mail.subject() != null ? "（邮件无正文）" + mail.subject() : "（邮件无正文，无主题）";
        String name = mail.senderName();
        if (name == null || name.isBlank()) {
            name = mail.sender();
        }
        ComplaintRequest request = new ComplaintRequest("email", mail.reference(), null, null,
                new CustomerRequest(MailParser.clip(name, 100), null, mail.sender(), null, false), null, null,
                mail.subject(), description, null, null, false, null);
        IntakeResult result;
        try {
            result = intake.accept(request, ACTOR);
        } catch (InvalidRequestException invalid) {
            throw new NotAccepted(invalid.errors().stream().map(e -> e.field() + "：" + e.message())
                    .collect(Collectors.joining("；")));
        }
        String caseNumber = result.complaint().caseNumber();
        if (!result.created()) {
            return new Handled(Outcome.EXISTING, caseNumber, problems);
        }
        List<String> kept = keep(caseNumber, mail);
        if (!kept.isEmpty()) {
            timeline.record(caseNumber, ACTOR, TimelineKind.NOTE, "客户邮件附件 " + kept.size() + " 个",
                    MailParser.clip(String.join("\n", kept), 5000));
        }
        return new Handled(Outcome.COMPLAINT, caseNumber, problems);
    }

    /** Stores what may be kept; one line per attachment, kept or not. */
    private List<String> keep(String caseNumber, ParsedMail mail) {
        Instant now = clock.now();
        return mail.attachments().stream().map(a -> {
            if (a.kept()) {
                long id = attachments.store(caseNumber, mail.reference(), a, now);
                return a.name() + "（" + MailParser.kb(a.size()) + "，附件编号 " + id + "）";
            }
            return a.name() + (a.size() > 0 ? "（" + MailParser.kb(a.size()) + "）" : "") + "：未保存，" + a.notKept();
        }).toList();
    }

    private static String attachmentList(List<String> lines) {
        return lines.isEmpty() ? "" : "\n\n附件：\n" + String.join("\n", lines);
    }

    private Handled bounce(ParsedMail mail, AutoReply auto, Map<Problem, String> problems) {
        AutoReply.Bounce bounce = auto.bounce();
        Optional<String> caseNumber = Optional.ofNullable(matcher.match(new ParsedMail(mail.reference(), null, null,
                bounce.originalSubject(), bounce.originalIds(), AutoReply.NONE, null, List.of(), Map.of(), 0))
                .caseNumber());
        if (caseNumber.isEmpty()) {
            caseNumber = matcher.caseNumberIn(bounce.originalSubject()).or(() -> matcher.caseNumberIn(mail.subject()));
        }
        Optional<Complaint> complaint = caseNumber.flatMap(complaints::find);
        String customer = complaint.map(c -> c.customer().email()).map(e -> e.strip().toLowerCase(Locale.ROOT))
                .orElse(null);
        if (complaint.isEmpty() || customer == null || !bounce.failedRecipients().contains(customer)) {
            problems.put(Problem.UNMATCHED_BOUNCE, "退信收件人 " + String.join(", ", bounce.failedRecipients())
                    + (complaint.isPresent() ? "，与 " + complaint.get().caseNumber() + " 的客户邮箱不符" : ""));
            return new Handled(Outcome.BOUNCE, complaint.map(Complaint::caseNumber).orElse(null), problems);
        }
        String number = complaint.get().caseNumber();
        int marked = jdbc.sql("update mailbox_unreachable set diagnostic = ? where case_number = ? and address = ?")
                .param(bounce.diagnostic()).param(number).param(customer).update();
        if (marked == 0) {
            jdbc.sql("insert into mailbox_unreachable (case_number, address, since, diagnostic) values (?, ?, ?, ?)")
                    .param(number).param(customer).param(Timestamps.odt(clock.now())).param(bounce.diagnostic())
                    .update();
            timeline.record(number, Actors.SYSTEM, TimelineKind.NOTE, "客户邮箱无法送达（退信）：" + customer,
                    MailParser.clip("发给客户的邮件被退回" + (bounce.diagnostic() == null ? ""
                            : "：" + bounce.diagnostic()) + "。请改用电话等其他方式联系客户。", 1000));
        }
        LOG.info("Bounce for {}: {} marked unreachable ({})", number, customer, bounce.diagnostic());
        return new Handled(Outcome.BOUNCE, number, problems);
    }

    private static String detail(ParsedMail mail, Handled handled) {
        StringBuilder detail = new StringBuilder();
        if (mail.autoReply().automatic()) {
            detail.append(mail.autoReply().reason());
        }
        if (handled.needsPerson()) {
            if (!detail.isEmpty()) {
                detail.append("；");
            }
            detail.append(MailboxMessages.details(handled.problems()));
        }
        return detail.isEmpty() ? null : detail.toString();
    }

    /** Intake refused the mail as a complaint (invalid address, text too long, …): a person decides. */
    static final class NotAccepted extends RuntimeException {
        NotAccepted(String reason) {
            super(reason);
        }
    }
}
