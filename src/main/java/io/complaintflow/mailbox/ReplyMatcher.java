package io.complaintflow.mailbox;

import io.complaintflow.complaint.ComplaintRepository;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Which complaint a mail answers: by its thread (the Message-IDs it replies to, against the mails the complaint
 * sent), else by a known case number in its subject. Both present and different: ambiguous, for a person.
 */
@Component
class ReplyMatcher {

    static final Pattern CASE_NUMBER = Pattern.compile("CMP-\\d{8}-\\d{6}");

    record Match(String caseNumber, String via, String conflict) {

        static final Match NONE = new Match(null, null, null);

        boolean found() {
            return caseNumber != null;
        }
    }

    private final SentMails sent;
    private final ComplaintRepository complaints;

    ReplyMatcher(SentMails sent, ComplaintRepository complaints) {
        this.sent = sent;
        this.complaints = complaints;
    }

    Match match(ParsedMail mail) {
        Optional<String> byThread = mail.threadIds().isEmpty() ? Optional.empty()
                : sent.caseNumberOf(mail.threadIds()).filter(n -> complaints.find(n).isPresent());
        Optional<String> bySubject = caseNumberIn(mail.subject());
        if (byThread.isPresent()) {
            String conflict = bySubject.filter(n -> !n.equals(byThread.get())).orElse(null);
            return new Match(byThread.get(), "thread", conflict);
        }
        return bySubject.map(n -> new Match(n, "subject", null)).orElse(Match.NONE);
    }

    /** The first case number in the text that names a stored complaint. */
    Optional<String> caseNumberIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = CASE_NUMBER.matcher(text);
        while (matcher.find()) {
            if (complaints.find(matcher.group()).isPresent()) {
                return Optional.of(matcher.group());
            }
        }
        return Optional.empty();
    }
}
