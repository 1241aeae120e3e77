package io.complaintflow.notification;

import io.complaintflow.modelpolicy.PublishedForModels;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends the queued mail; an SMTP failure throws, so the engine retries the job and finally raises an incident. */
@PublishedForModels
@Component("sendMail")
public class SendMailDelegate implements JavaDelegate {

    private final JavaMailSender mailSender;
    private final String from;

    public SendMailDelegate(JavaMailSender mailSender,
                            @Value("${complaintflow.mail.from:complaints@complaintflow.local}") String from) {
        this.mailSender = mailSender;
        this.from = from;
    }

    @Override
    public void execute(DelegateExecution execution) throws MessagingException {
        MimeMessage message = mailSender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(((String) execution.getVariable("mailTo")).split(","));
        helper.setSubject((String) execution.getVariable("mailSubject"));
        helper.setText((String) execution.getVariable("mailBody"), true);
        mailSender.send(message);
    }
}
