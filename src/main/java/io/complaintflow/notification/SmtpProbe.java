package io.complaintflow.notification;

import java.time.Duration;
import java.time.Instant;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** Whether the SMTP server answers, asked at most once per {@link #TTL} (a dead server costs a connect timeout). */
@Component
public class SmtpProbe {

    static final Duration TTL = Duration.ofSeconds(30);

    /** The last answer: reachable, or why not. */
    public record Result(boolean reachable, String problem, Instant at) {
    }

    private final JavaMailSender sender;
    private volatile Result last;

    public SmtpProbe(JavaMailSender sender) {
        this.sender = sender;
    }

    public Result check() {
        Result result = last;
        if (result != null && result.at().plus(TTL).isAfter(Instant.now())) {
            return result;
        }
        result = probe();
        last = result;
        return result;
    }

    /** Asks the server now. */
    public Result refresh() {
        Result result = probe();
        last = result;
        return result;
    }

    /** What a send just found out, so the next health check need not connect again. */
    public void record(boolean reachable, String problem) {
        last = new Result(reachable, problem, Instant.now());
    }

    private Result probe() {
        if (!(sender instanceof JavaMailSenderImpl impl)) {
            return new Result(true, null, Instant.now());
        }
        try {
            impl.testConnection();
            return new Result(true, null, Instant.now());
        } catch (Exception e) {
            return new Result(false, impl.getHost() + ":" + impl.getPort() + ": " + e.getMessage(), Instant.now());
        }
    }
}
