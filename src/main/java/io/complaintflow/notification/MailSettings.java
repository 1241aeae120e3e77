package io.complaintflow.notification;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Read by the notification model: how often and how long a failed mail is retried before it becomes an incident. */
@PublishedForModels
@Component("mailSettings")
public class MailSettings {

    private final String retryCycle;

    public MailSettings(@Value("${complaintflow.mail.retry-cycle:R5/PT5M}") String retryCycle) {
        this.retryCycle = retryCycle;
    }

    public String getRetryCycle() {
        return retryCycle;
    }
}
