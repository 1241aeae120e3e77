package io.complaintflow.notification;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Queues a mail: starts a {@code notification} process whose start is asynchronous, so the mail is sent after
 * the caller's transaction commits, retried on failure, and a lasting failure shows as an incident in Cockpit.
 * The complaint never rolls back because of mail.
 */
@Service
public class NotificationService {

    public static final String PROCESS_KEY = "notification";

    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

    private final RuntimeService runtime;

    public NotificationService(RuntimeService runtime) {
        this.runtime = runtime;
    }

    public void send(String caseNumber, String purpose, Mail mail) {
        if (mail.to().isEmpty()) {
            LOG.info("{} of {} not sent: no mail address", purpose, caseNumber);
            return;
        }
        runtime.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(caseNumber)
                .setVariable("mailPurpose", purpose)
                .setVariable("mailTo", String.join(",", mail.to()))
                .setVariable("mailSubject", mail.subject())
                .setVariable("mailBody", Variables.stringValue(mail.html()))
                .execute();
    }
}
