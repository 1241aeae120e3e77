package io.complaintflow.notification;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.springframework.stereotype.Component;

/** Read by the notification model: how often and how long a failed mail is retried before it becomes an incident. */
@PublishedForModels
@Component("mailSettings")
public class MailSettings {

    private final String retryCycle;

    public MailSettings(MailProperties settings) {
        this.retryCycle = settings.retryCycle();
    }

    public String getRetryCycle() {
        return retryCycle;
    }
}
