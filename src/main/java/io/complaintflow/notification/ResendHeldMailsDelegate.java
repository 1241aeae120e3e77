package io.complaintflow.notification;

import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The step of {@code mail-outage}: held mails go back to the dispatcher once SMTP answers, else the step fails. */
@PublishedForModels
@Component("resendHeldMails")
class ResendHeldMailsDelegate implements JavaDelegate {

    private final MailOutage outage;
    private final SmtpProbe smtp;

    public ResendHeldMailsDelegate(MailOutage outage, SmtpProbe smtp) {
        this.outage = outage;
        this.smtp = smtp;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("releasedMails", outage.resendHeld(smtp.refresh()));
    }
}
