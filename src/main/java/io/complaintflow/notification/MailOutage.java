package io.complaintflow.notification;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One mail outage, one incident: when mails are held (not sent within {@code give-up-after}), a {@code mail-outage}
 * instance is started unless one is already open. Its only step ({@link ResendHeldMailsDelegate}) gives the held mails
 * back to the dispatcher once the SMTP server answers, and fails — an incident in Cockpit, retried there with one
 * click — while it does not. Operators can also call {@link #retryAll()} (POST /api/operations/mail/retry-all).
 */
@Service
public class MailOutage {

    public static final String PROCESS_KEY = "mail-outage";
    static final String STEP = "Task_ResendHeldMails";

    private static final Logger LOG = LoggerFactory.getLogger(MailOutage.class);

    private final RuntimeService runtime;
    private final ManagementService management;
    private final MailOutbox outbox;

    public MailOutage(RuntimeService runtime, ManagementService management, MailOutbox outbox) {
        this.runtime = runtime;
        this.management = management;
        this.outbox = outbox;
    }

    /** Mails were just held: the open outage, or a new one. */
    public ProcessInstance report(MailOutbox.Summary held) {
        ProcessInstance open = open();
        if (open != null) {
            return open;
        }
        LOG.error("{} mails not sent within the give-up period (last error: {}); held until the SMTP server answers"
                + " and an operator retries (Cockpit incident of mail-outage, POST /api/operations/mail/retry-all)",
                held.held(), held.lastError());
        return runtime.startProcessInstanceByKey(PROCESS_KEY, "MAIL-OUTAGE-" + EngineTime.now().toString().substring(0, 16));
    }

    public ProcessInstance open() {
        return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).active().list().stream()
                .findFirst().orElse(null);
    }

    /** The operator's "retry all": every held mail queued again now, the outage's incident resolved; how many. */
    public int retryAll() {
        int released = outbox.releaseHeld(EngineTime.now());
        ProcessInstance open = open();
        if (open != null) {
            Job step = management.createJobQuery().processInstanceId(open.getId()).singleResult();
            if (step != null) {
                management.setJobRetries(step.getId(), 1);
                management.executeJob(step.getId());
            }
        }
        LOG.info("Retry all: {} held mails queued again", released);
        return released;
    }

    /** The outage's step: held mails back to the dispatcher if the server answers; throws (the incident) if not. */
    int resendHeld(SmtpProbe.Result server) {
        long held = outbox.summary().held();
        if (held == 0) {
            return 0;
        }
        if (!server.reachable()) {
            // the count is the one of this attempt: mails held later join the outage and this retry (the banner and
            // health's heldMails say how many there are now)
            throw new IllegalStateException("SMTP 服务器不可达（" + server.problem() + "）：超过重试期限仍未发出的邮件已暂停发送"
                    + "（本次检查时 " + held + " 封；之后滞留的邮件也归入此故障，当前数量见 Cockpit 首页的提示）。"
                    + "服务器恢复后请在此点击重试（全部重发），或调用 POST /api/operations/mail/retry-all。");
        }
        return outbox.releaseHeld(EngineTime.now());
    }
}
