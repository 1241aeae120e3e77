package io.complaintflow.notification;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * Queues a mail: starts a {@code notification} process whose start is asynchronous, so the mail is sent after
 * the caller's transaction commits, retried on failure, and a lasting failure shows as an incident in Cockpit.
 * The complaint never rolls back because of mail.
 */
@Service
public class NotificationService {

    public static final String PROCESS_KEY = "notification";

    private final RuntimeService runtime;
    private final Timeline timeline;

    public NotificationService(RuntimeService runtime, Timeline timeline) {
        this.runtime = runtime;
        this.timeline = timeline;
    }

    public void send(String caseNumber, String purpose, Mail mail) {
        if (mail.to().isEmpty()) {
            timeline.record(caseNumber, Actors.SYSTEM, TimelineKind.NOTE, purpose + "：无收件邮箱，未发送", null);
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
