package io.complaintflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.DeadlineScenarios;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.engine.FormValues;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Who gets which mail and what it says — through a real SMTP server — and what happens when SMTP is down. */
@ComplaintFlowTest
class NotificationMailTest {

    @Autowired GreenMail greenMail;
    @Autowired JavaMailSenderImpl mailSender;
    @Autowired TestScenarios scenarios;
    @Autowired DeadlineScenarios time;
    @Autowired DeadlineService deadlines;
    @Autowired IdentityService identity;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired MailOutbox outbox;
    @Autowired MailOutage outage;
    @Autowired SmtpProbe smtp;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theCustomerIsToldTheCaseNumberAndWhenToExpectAnAnswerWithTheirOwnWordsEscaped() throws Exception {
        String caseNumber = scenarios.file(withEmail("li@example.com", "<script>alert(1)</script>多扣费"));

        assertThat(time.sendMails(caseNumber)).isEqualTo(1);
        MimeMessage mail = only(to("li@example.com"));
        String expected = deadlines.format(deadlines.find(caseNumber, Deadline.RESOLUTION).orElseThrow().targetAt());
        assertThat(mail.getSubject()).contains("投诉受理").contains(caseNumber);
        assertThat(html(mail)).contains(caseNumber).contains(expected).contains("&lt;script&gt;")
                .doesNotContain("<script>");
    }

    @Test
    void anImportantComplaintIsAnnouncedToTheDepartmentsPeople() throws Exception {
        person("billing-desk", "billing-desk@example.com", "dept-billing");
        ComplaintRequest vip = new ComplaintRequest("wechat", null, null, null,
                new CustomerRequest("李女士", TestScenarios.uniquePhone(), null, null, true), "billing", "宽带", "多扣费",
                "多扣 199 元", null, null, false, null);
        String caseNumber = scenarios.file(vip);
        scenarios.complete(caseNumber, "Task_ReviewTriage", "center", Map.of("category", "billing", "grade", "G2",
                "departments", FormValues.jsonList(List.of("billing"))));

        time.sendMails(caseNumber);
        MimeMessage notice = only(to("billing-desk@example.com"));
        assertThat(notice.getSubject()).contains("新投诉 G2").contains(caseNumber).contains("账务部");
    }

    @Test
    void anOverdueDepartmentTaskMailsTheDepartmentLead() throws Exception {
        person("quality-head", "quality-head@example.com", "dept-quality-lead");
        String caseNumber = scenarios.routine("product-quality");
        time.fire(caseNumber, "Event_DepartmentOverdue");

        time.sendMails(caseNumber);
        MimeMessage escalation = only(to("quality-head@example.com"));
        assertThat(escalation.getSubject()).contains("超时升级").contains(caseNumber);
        assertThat(html(escalation)).contains("质量部处理");
    }

    @Test
    void aDeadSmtpServerMeansRetriesThenOneIncidentForTheOutageWhileTheComplaintsStayCommitted() throws Exception {
        closeOutages();
        int smtpPort = mailSender.getPort();
        mailSender.setPort(closedPort());
        String first;
        String second;
        try {
            first = scenarios.file(withEmail("wang@example.com", "没人接电话"));
            second = scenarios.file(withEmail("zhao@example.com", "退款未到账"));
            assertThat(time.sendMails(first)).isZero();
            assertThat(time.sendMails(second)).isZero();
            assertThat(outbox.ofBusinessKey(first)).singleElement().satisfies(m -> {
                assertThat(m.status()).isEqualTo(MailOutbox.Status.PENDING);
                assertThat(m.attempts()).isEqualTo(1);
                assertThat(m.lastError()).contains("connection failed");
            });
            assertThat(outage.open()).as("retried, no incident yet").isNull();

            ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(25))));
            time.sendMails(first);
            time.sendMails(second);
            assertThat(outbox.ofBusinessKey(first)).extracting(MailOutbox.Row::status)
                    .containsExactly(MailOutbox.Status.HELD);
            assertThat(outbox.ofBusinessKey(second)).extracting(MailOutbox.Row::status)
                    .containsExactly(MailOutbox.Status.HELD);
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(MailOutage.PROCESS_KEY).active()
                    .count()).as("one outage for both mails").isEqualTo(1);
            Job step = management.createJobQuery().processDefinitionKey(MailOutage.PROCESS_KEY).singleResult();
            assertThatThrownBy(() -> management.executeJob(step.getId())).hasMessageContaining("SMTP");
            assertThat(runtime.createIncidentQuery().processDefinitionKeyIn(MailOutage.PROCESS_KEY).list())
                    .as("one incident in Cockpit, not one per mail").singleElement()
                    .satisfies(i -> assertThat(i.getIncidentMessage()).contains("超过重试期限仍未发出"));
            assertThat(scenarios.complaint(first).status()).as("the complaint went on").isEqualTo(ComplaintStatus.IN_PROGRESS);
            assertThat(scenarios.openTasks(first)).isNotEmpty();
        } finally {
            mailSender.setPort(smtpPort);
        }
        smtp.refresh();
        ProcessInstance outageInstance = outage.open();
        Job step = management.createJobQuery().processInstanceId(outageInstance.getId()).singleResult();
        management.setJobRetries(step.getId(), 1);
        management.executeJob(step.getId());

        assertThat(outage.open()).as("the incident's retry in Cockpit ended the outage").isNull();
        assertThat(runtime.createIncidentQuery().processDefinitionKeyIn(MailOutage.PROCESS_KEY).count()).isZero();
        time.sendMails(first);
        time.sendMails(second);
        assertThat(to("wang@example.com")).hasSize(1);
        assertThat(to("zhao@example.com")).hasSize(1);
        assertThat(outbox.ofBusinessKey(first)).extracting(MailOutbox.Row::status)
                .containsExactly(MailOutbox.Status.SENT);
    }

    private void closeOutages() {
        runtime.createProcessInstanceQuery().processDefinitionKey(MailOutage.PROCESS_KEY).list()
                .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test set-up"));
    }

    private ComplaintRequest withEmail(String email, String subject) {
        return new ComplaintRequest("web", null, null, null,
                new CustomerRequest("客户", TestScenarios.uniquePhone(), email, null, false), "delivery",
                TestScenarios.uniqueProduct(),
                subject, "详细情况", null, null, false, null);
    }

    private void person(String id, String email, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setEmail(email);
            user.setPassword("secret-" + id);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    /** The mails addressed to this address (GreenMail keeps one copy per recipient: counted once each). */
    private List<MimeMessage> to(String address) throws Exception {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(r -> r.toString().equals(address)) && seen.add(m.getMessageID());
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static MimeMessage only(List<MimeMessage> messages) {
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    /** GreenMail gives the raw (quoted-printable) body; decode it to compare text. */
    /** The decoded HTML body, whichever transfer encoding (quoted-printable, base64) JavaMail chose for the text. */
    private static String html(MimeMessage mail) throws Exception {
        return (String) mail.getContent();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
