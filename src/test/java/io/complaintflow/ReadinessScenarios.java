package io.complaintflow;

import com.icegreen.greenmail.util.GreenMail;
import io.complaintflow.notification.MailDispatcher;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.test.context.TestComponent;

/**
 * What the surge, crisis and campaign tests share: people with mail addresses in a group, the mail they got,
 * timers fired at a moment the test chooses, and cleaning up the long-running processes a test leaves behind.
 */
@TestComponent
public class ReadinessScenarios {

    private final IdentityService identity;
    private final ManagementService management;
    private final RuntimeService runtime;
    private final GreenMail greenMail;
    private final MailDispatcher mails;

    public ReadinessScenarios(IdentityService identity, ManagementService management, RuntimeService runtime,
                              GreenMail greenMail, MailDispatcher mails) {
        this.identity = identity;
        this.management = management;
        this.runtime = runtime;
        this.greenMail = greenMail;
        this.mails = mails;
    }

    public static Instant now(String instant) {
        Instant at = Instant.parse(instant);
        ClockUtil.setCurrentTime(Date.from(at));
        return at;
    }

    /** A person with a mail address in the group (created once per test run). */
    public void person(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setEmail(id + "@example.com");
            user.setPassword("secret-" + id);
            identity.saveUser(user);
        }
        if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            identity.createMembership(id, group);
        }
    }

    public List<MimeMessage> mailsTo(String userId) {
        String address = userId + "@example.com";
        java.util.Set<String> seen = new java.util.HashSet<>(); // GreenMail keeps one copy per recipient
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO) != null
                        && Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(r -> r.toString().equals(address)) && seen.add(m.getMessageID());
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the queued mails of the process's business key now. */
    public void sendMails(String businessKey) {
        mails.dispatch(businessKey);
    }

    public Job timer(String processInstanceId, String activityId) {
        return management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).timers()
                .singleResult();
    }

    /** Fires the instance's timer when its time has come; {@code at} is when (not before the timer's due date). */
    public void fireAt(String processInstanceId, String activityId, Instant at) {
        Job job = timer(processInstanceId, activityId);
        if (job == null) {
            throw new AssertionError("no timer " + activityId + " waiting in " + processInstanceId);
        }
        if (at.isBefore(job.getDuedate().toInstant())) {
            throw new AssertionError(activityId + " is due " + job.getDuedate().toInstant() + ", not yet at " + at);
        }
        ClockUtil.setCurrentTime(Date.from(at));
        management.executeJob(job.getId());
    }

    /** Fires the timer at its due date. */
    public void fire(String processInstanceId, String activityId) {
        Job job = timer(processInstanceId, activityId);
        if (job == null) {
            throw new AssertionError("no timer " + activityId + " waiting in " + processInstanceId);
        }
        fireAt(processInstanceId, activityId, job.getDuedate().toInstant());
    }

    /** Ends the running instances of a long-running process a test left behind, so the next test starts clean. */
    public void deleteRunning(String processKey) {
        for (ProcessInstance p : runtime.createProcessInstanceQuery().processDefinitionKey(processKey).list()) {
            runtime.deleteProcessInstance(p.getId(), "test cleanup", true, true);
        }
    }
}
