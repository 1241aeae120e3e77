package io.complaintflow.mailbox;

import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The complaint center's view of the mailbox: mails that need a person (open first), their resolution, and the log
 * of every mail taken (docs/channels.md, "E-mail").
 */
@RestController
@RequestMapping("/api/mailbox")
class MailboxController {

    private final MailboxMessages messages;
    private final MailReviews reviews;

    public MailboxController(MailboxMessages messages, MailReviews reviews) {
        this.messages = messages;
        this.reviews = reviews;
    }

    /** {@code state}: {@code open} (default), {@code resolved} or {@code all}; newest first. */
    @GetMapping("/reviews")
    public List<MailRecord> reviews(@RequestParam(defaultValue = "open") String state,
                                    @RequestParam(defaultValue = "100") int limit) {
        String wanted = switch (state.toLowerCase(Locale.ROOT)) {
            case "open" -> MailboxMessages.OPEN;
            case "resolved" -> MailboxMessages.RESOLVED;
            case "all" -> null;
            default -> throw new InvalidRequestException(List.of(new FieldError("state", "应为 open、resolved 或 all")));
        };
        return messages.reviews(wanted, limit(limit));
    }

    @PostMapping("/reviews/{id}")
    public MailRecord decide(@PathVariable long id, @RequestBody MailReviews.Decision decision, Principal principal) {
        return reviews.decide(id, decision, principal.getName());
    }

    /** Every mail taken, newest first; {@code outcome} one of {@link Handled.Outcome}, {@code caseNumber} a complaint. */
    @GetMapping("/messages")
    public List<MailRecord> messages(@RequestParam(required = false) String outcome,
                                     @RequestParam(required = false) String caseNumber,
                                     @RequestParam(defaultValue = "100") int limit) {
        if (outcome != null) {
            try {
                Handled.Outcome.valueOf(outcome);
            } catch (IllegalArgumentException unknown) {
                throw new InvalidRequestException(List.of(new FieldError("outcome", "未知的处理结果")));
            }
        }
        return messages.recent(outcome, caseNumber, limit(limit));
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidRequestException(List.of(new FieldError("limit", "应在 1 到 500 之间")));
        }
        return limit;
    }
}
