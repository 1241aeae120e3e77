package io.complaintflow.notification;

import io.complaintflow.modelpolicy.PublishedForModels;
import java.util.Arrays;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Instances of the retired {@code notification} model (one process instance per mail, before the outbox) still
 * waiting at their send step when this version is deployed: their mail is moved to the outbox, which sends it.
 */
@PublishedForModels
@Component("sendMail")
class SendMailDelegate implements JavaDelegate {

    private final NotificationService notifications;

    SendMailDelegate(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String to = (String) execution.getVariable("mailTo");
        Object purpose = execution.getVariable("mailPurpose");
        notifications.send(execution.getProcessBusinessKey(), purpose == null ? "通知" : purpose.toString(),
                new Mail(to == null ? null : Arrays.asList(to.split(",")), (String) execution.getVariable("mailSubject"),
                        (String) execution.getVariable("mailBody")));
    }
}
