package io.complaintflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.Grade;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import io.complaintflow.intake.ComplaintRequest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The outbox after faults: the database gone between the SMTP send and its record (issue #18: 7 of 19
 * acknowledgements went out twice), an SMTP outage shorter and longer than the give-up age, escalation storms.
 */
@ComplaintFlowTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class MailOutboxTest {

    @Autowired GreenMail greenMail;
    @Autowired JavaMailSenderImpl mailSender;
    @Autowired MailDispatcher dispatcher;
    @Autowired MailOutbox outbox;
    @Autowired MailOutage outage;
    @Autowired MailTemplates templates;
    @Autowired MailProperties settings;
    @Autowired NotificationService notifications;
    @Autowired SmtpProbe smtp;
    @Autowired JdbcClient jdbc;
    @Autowired javax.sql.DataSource dataSource;
    @Autowired TestScenarios scenarios;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @LocalServerPort int port;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aMailSentJustBeforeTheDatabaseWentAwayIsNotSentAgainByTheRerunNorByAnotherNode() throws Exception {
        String customer = address("ack");
        String caseNumber = scenarios.file(withEmail(customer));
        MailOutbox.Row queued = outbox.ofBusinessKey(caseNumber).get(0);
        assertThat(queued.messageId()).matches("<[0-9a-f-]{36}@complaintflow\\.local>");
        MailOutbox forgetful = new MailOutbox(jdbc, dataSource) {
            private boolean databaseAway = true;

            @Override
            int markSent(Collection<Long> ids, Instant at, String digestId) {
                if (databaseAway) {
                    databaseAway = false;
                    throw new CannotGetJdbcConnectionException("Connection is not available (database restarting)");
                }
                return super.markSent(ids, at, digestId);
            }
        };
        MailDispatcher nodeA = new MailDispatcher(forgetful, mailSender, templates, settings, smtp, outage,
                "node-a");
        MailDispatcher nodeB = new MailDispatcher(outbox, mailSender, templates, settings, smtp, outage,
                "node-b");

        assertThatThrownBy(() -> nodeA.dispatch(caseNumber)).isInstanceOf(CannotGetJdbcConnectionException.class);
        assertThat(to(customer)).as("sent over SMTP").hasSize(1);
        assertThat(outbox.ofBusinessKey(caseNumber).get(0).status()).as("not recorded yet")
                .isEqualTo(MailOutbox.Status.PENDING);

        assertThat(nodeB.dispatch(caseNumber).sent()).as("node A's claim holds").isZero();
        assertThat(nodeA.dispatch(caseNumber).sent()).as("the re-run, database back").isZero();

        assertThat(to(customer)).as("still one mail").hasSize(1);
        assertThat(to(customer).get(0).getMessageID()).isEqualTo(queued.messageId());
        assertThat(outbox.ofBusinessKey(caseNumber)).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo(MailOutbox.Status.SENT);
            assertThat(m.sentAt()).isNotNull();
        });
        assertThat(nodeB.dispatch(caseNumber).sent()).isZero();
        assertThat(to(customer)).hasSize(1);
    }

    /**
     * The one way a mail can go out twice, accepted (docs/operations.md, "How mail is sent"): a node that dies after
     * the SMTP server took the mail and before its mark leaves the row claimed; once the claim runs out another node
     * sends it again, with the same Message-ID — and says so in its log, which is what an operator sees.
     */
    @Test
    void aMailClaimedByANodeThatDiedIsSentByAnotherOnceTheClaimRunsOutAndTheTakeOverIsLogged(
            org.springframework.boot.test.system.CapturedOutput log) throws Exception {
        String customer = address("died");
        String caseNumber = scenarios.file(withEmail(customer));
        MailOutbox.Row queued = outbox.ofBusinessKey(caseNumber).get(0);
        Instant now = Instant.now();
        assertThat(outbox.claim(queued.id(), "node-died", now, now.plus(settings.claimFor()))).isTrue();
        MailDispatcher nodeB = new MailDispatcher(outbox, mailSender, templates, settings, smtp, outage, "node-b");

        assertThat(nodeB.dispatch(caseNumber).sent()).as("the dead node's claim still holds").isZero();
        assertThat(log.getOut()).doesNotContain("the claim of node node-died");
        ClockUtil.setCurrentTime(Date.from(now.plus(settings.claimFor()).plusSeconds(1)));
        assertThat(nodeB.dispatch(caseNumber).sent()).isEqualTo(1);

        assertThat(to(customer)).singleElement().satisfies(m -> assertThat(m.getMessageID())
                .isEqualTo(queued.messageId()));
        assertThat(outbox.ofBusinessKey(caseNumber).get(0).status()).isEqualTo(MailOutbox.Status.SENT);
        assertThat(log.getOut()).contains("Mail " + queued.id() + ": the claim of node node-died ran out with no"
                + " record that it was sent");
    }

    @Test
    void sentMailIsKeptForThreadedRepliesThenForgotten() {
        String customer = address("kept");
        String caseNumber = scenarios.file(withEmail(customer));
        assertThat(dispatcher.dispatch(caseNumber).sent()).isEqualTo(1);
        String messageId = outbox.ofBusinessKey(caseNumber).get(0).messageId();

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(settings.keepSent()).minus(Duration.ofDays(1))));
        dispatcher.purge();
        assertThat(outbox.businessKeyOf(List.of(messageId))).hasValue(caseNumber);

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(settings.keepSent()).plus(Duration.ofDays(1))));
        assertThat(dispatcher.purge()).isPositive();
        assertThat(outbox.ofBusinessKey(caseNumber)).isEmpty();
        assertThat(outbox.businessKeyOf(List.of(messageId))).isEmpty();
    }

    @Test
    void afterAShortSmtpOutageTheMailGoesOutByItself() throws Exception {
        String customer = address("later");
        String caseNumber;
        int smtpPort = mailSender.getPort();
        mailSender.setPort(closedPort());
        try {
            caseNumber = scenarios.file(withEmail(customer));
            assertThat(dispatcher.dispatch(caseNumber).failed()).isEqualTo(1);
        } finally {
            mailSender.setPort(smtpPort);
        }
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofMinutes(2))));
        for (int cycle = 0; cycle < 100 && to(customer).isEmpty(); cycle++) {
            dispatcher.dispatchDue();
        }

        assertThat(to(customer)).hasSize(1);
        assertThat(outbox.ofBusinessKey(caseNumber)).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo(MailOutbox.Status.SENT);
            assertThat(m.attempts()).isEqualTo(1);
        });
    }

    @Test
    void operatorsSeeHeldMailAndRetryAllWithOneCallOnlyAdministratorsMay() throws Exception {
        runtime.createProcessInstanceQuery().processDefinitionKey(MailOutage.PROCESS_KEY).list()
                .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test set-up"));
        scenarios.person("mail-operator", "operator-secret", "camunda-admin");
        scenarios.person("mail-center", "center-secret", "complaint-center");
        String customer = address("held");
        String caseNumber;
        int smtpPort = mailSender.getPort();
        mailSender.setPort(closedPort());
        try {
            caseNumber = scenarios.file(withEmail(customer));
            dispatcher.dispatch(caseNumber);
            ClockUtil.setCurrentTime(Date.from(Instant.now().plus(settings.giveUpAfter()).plusSeconds(60)));
            assertThat(dispatcher.dispatch(caseNumber).held()).isEqualTo(1);
        } finally {
            mailSender.setPort(smtpPort);
        }
        HttpSession center = new HttpSession(port).basic("mail-center", "center-secret");
        JsonNode notices = new ObjectMapper().readTree(center.get("/api/operations/notices").body());
        assertThat(notices.findValuesAsText("kind")).contains("mail");
        assertThat(notices.toString()).as("business words, no endpoint").doesNotContain("/api").doesNotContain("actuator");
        assertThat(center.post("/api/operations/mail/retry-all", java.util.Map.of()).statusCode()).isEqualTo(403);
        assertThat(outbox.ofBusinessKey(caseNumber).get(0).status()).isEqualTo(MailOutbox.Status.HELD);

        var retried = new HttpSession(port).basic("mail-operator", "operator-secret")
                .post("/api/operations/mail/retry-all", java.util.Map.of());

        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(retried.body()).get("released").asInt()).isPositive();
        assertThat(outage.open()).as("the outage's incident resolved").isNull();
        assertThat(new ObjectMapper().readTree(center.get("/api/operations/notices").body()).findValuesAsText("kind"))
                .doesNotContain("mail");
        assertThat(dispatcher.dispatch(caseNumber).sent()).isEqualTo(1);
        assertThat(to(customer)).hasSize(1);
    }

    @Test
    void escalationsToOnePersonWithinTheWindowGoAsOneDigestAndNoMailIsAnEngineJob() throws Exception {
        String lead = address("lead");
        List<String> cases = List.of("CMP-DIGEST-" + UUID.randomUUID().toString().substring(0, 8),
                "CMP-DIGEST-" + UUID.randomUUID().toString().substring(0, 8),
                "CMP-DIGEST-" + UUID.randomUUID().toString().substring(0, 8));
        long jobsBefore = management.createJobQuery().count();
        for (String caseNumber : cases) {
            notifications.send(caseNumber, "超时升级", templates.escalation(List.of(lead, address("other")), 1,
                    caseNumber, Grade.G2, "处理", "12月3日 18:00", "空调不制冷"));
        }
        assertThat(management.createJobQuery().count()).as("mail waits in the outbox, not in the job executor")
                .isEqualTo(jobsBefore);

        dispatcher.dispatchDue();
        assertThat(to(lead)).as("held for the digest window").isEmpty();
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(settings.digestWindow()).plusSeconds(1)));
        for (int cycle = 0; cycle < 100 && to(lead).isEmpty(); cycle++) {
            dispatcher.dispatchDue();
        }
        dispatcher.dispatchDue();

        assertThat(to(lead)).as("one digest").singleElement().satisfies(digest -> {
            assertThat(digest.getSubject()).startsWith("【通知汇总】3 件");
            String html = (String) digest.getContent();
            cases.forEach(c -> assertThat(html).contains(c));
        });
        for (String caseNumber : cases) {
            assertThat(outbox.ofBusinessKey(caseNumber)).extracting(MailOutbox.Row::status)
                    .containsOnly(MailOutbox.Status.SENT);
        }
    }

    /**
     * A digest claims its other parts together (a deadline storm queues hundreds for one manager): a part another
     * node still holds waits for the next digest; a part whose node's claim ran out is taken over, and logged.
     */
    @Test
    void aDigestClaimsItsPartsTogetherLeavingThoseAnotherNodeHoldsAndLoggingThoseItTakesOver(
            org.springframework.boot.test.system.CapturedOutput log) throws Exception {
        String lead = address("lead");
        List<Long> parts = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String caseNumber = "CMP-PARTS-" + UUID.randomUUID().toString().substring(0, 8);
            notifications.send(caseNumber, "超时升级", templates.escalation(List.of(lead), 1, caseNumber, Grade.G2, "处理",
                    "12月3日 18:00", "空调不制冷"));
            parts.add(outbox.ofBusinessKey(caseNumber).get(0).id());
        }
        Instant sending = Instant.now().plus(settings.digestWindow()).plusSeconds(1);
        assertThat(outbox.claim(parts.get(1), "node-live", sending, sending.plus(settings.claimFor()))).isTrue();
        assertThat(outbox.claim(parts.get(2), "node-died", sending.minus(settings.claimFor()), sending.minusSeconds(1)))
                .isTrue();

        ClockUtil.setCurrentTime(Date.from(sending));
        for (int cycle = 0; cycle < 100 && to(lead).isEmpty(); cycle++) {
            dispatcher.dispatchDue();
        }
        assertThat(to(lead)).as("one digest of the three parts not held elsewhere").singleElement()
                .satisfies(digest -> assertThat(digest.getSubject()).startsWith("【通知汇总】3 件"));
        assertThat(log.getOut()).contains("Mail " + parts.get(2) + ": the claim of node node-died ran out")
                .doesNotContain("the claim of node node-live");
        assertThat(status(parts.get(1))).isEqualTo(MailOutbox.Status.PENDING);
        assertThat(List.of(parts.get(0), parts.get(2), parts.get(3))).allSatisfy(id ->
                assertThat(status(id)).isEqualTo(MailOutbox.Status.SENT));

        // the live node's claim runs out without a mark (it stopped): the part goes on its own
        ClockUtil.setCurrentTime(Date.from(sending.plus(settings.claimFor()).plusSeconds(1)));
        for (int cycle = 0; cycle < 100 && to(lead).size() < 2; cycle++) {
            dispatcher.dispatchDue();
        }
        assertThat(to(lead)).hasSize(2);
        assertThat(status(parts.get(1))).isEqualTo(MailOutbox.Status.SENT);
    }

    /**
     * A cycle's mails go over one SMTP connection (each used to open its own); a recipient the server refuses fails
     * that mail alone — retried on its turn, the others neither lost nor sent again — and the mails after it go over
     * the same connection.
     */
    @Test
    void aCyclesMailsShareOneSmtpConnectionAndARefusedOneFailsAlone() throws Exception {
        String caseNumber = "CMP-BATCH-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> to = List.of(address("first"), address("refused"), address("third"), address("fourth"));
        for (String address : to) {
            notifications.send(caseNumber, "受理通知", new Mail(List.of(address), "投诉受理", "<p>已受理</p>"));
        }
        try (CountingSmtpServer server = new CountingSmtpServer()) {
            JavaMailSenderImpl counted = new JavaMailSenderImpl();
            counted.setHost("127.0.0.1");
            counted.setPort(server.port());
            counted.setDefaultEncoding("UTF-8");
            counted.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
            counted.getJavaMailProperties().put("mail.smtp.timeout", "2000");
            MailDispatcher node = new MailDispatcher(outbox, counted, templates, settings, smtp, outage, "node-batch");

            MailDispatcher.Result first = node.dispatch(caseNumber);

            assertThat(first).isEqualTo(new MailDispatcher.Result(3, 1, 0));
            assertThat(server.connections.get()).as("one connection for the cycle").isOne();
            assertThat(server.mails).containsExactly(List.of(to.get(0)), List.of(to.get(2)), List.of(to.get(3)));
            List<MailOutbox.Row> rows = outbox.ofBusinessKey(caseNumber);
            assertThat(rows).extracting(MailOutbox.Row::status).containsExactly(MailOutbox.Status.SENT,
                    MailOutbox.Status.PENDING, MailOutbox.Status.SENT, MailOutbox.Status.SENT);
            assertThat(rows.get(1).attempts()).isOne();
            assertThat(rows.get(1).lastError()).contains("550");

            ClockUtil.setCurrentTime(Date.from(Instant.now().plus(settings.backoff(1)).plusSeconds(1)));
            MailDispatcher.Result again = node.dispatch(caseNumber);

            assertThat(again).as("only the refused one, tried again").isEqualTo(new MailDispatcher.Result(0, 1, 0));
            assertThat(server.mails).hasSize(3);
            assertThat(outbox.ofBusinessKey(caseNumber).get(1).attempts()).isEqualTo(2);
        }
    }

    private MailOutbox.Status status(long id) {
        return outbox.find(id).orElseThrow().status();
    }

    private static String address(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static ComplaintRequest withEmail(String email) {
        return new ComplaintRequest("web", null, null, null,
                new CustomerRequest("客户", TestScenarios.uniquePhone(), email, null, false), "delivery",
                TestScenarios.uniqueProduct(),
                "快递丢件", "详细情况", null, null, false, null);
    }

    private List<MimeMessage> to(String address) {
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

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
