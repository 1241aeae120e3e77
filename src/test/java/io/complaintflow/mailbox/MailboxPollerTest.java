package io.complaintflow.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.TimelineEntry;
import io.complaintflow.mailbox.MailIntake.Outcome;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A real IMAP server (GreenMail, started by the test itself) with the poller pointed at it. */
@ComplaintFlowTest
class MailboxPollerTest {

    private static final AtomicInteger MESSAGE = new AtomicInteger();

    @Autowired MailIntake intake;
    @Autowired ComplaintRepository complaints;
    @Autowired TestScenarios scenarios;
    @Autowired JdbcClient jdbc;

    private GreenMail imap;
    private GreenMailUser mailbox;
    private MailboxPoller poller;

    @BeforeEach
    void startMailbox() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        imap = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        imap.start();
        mailbox = imap.setUser("complaints@complaintflow.local", "complaints", "secret");
        poller = new MailboxPoller(new MailboxSettings("imap", "127.0.0.1", port, "complaints", "secret", "INBOX",
                Duration.ofMinutes(1), 10_000), intake);
    }

    @AfterEach
    void stopMailbox() {
        imap.stop();
    }

    /** Delivers a raw RFC 822 message, exactly as written (headers, charset and all). */
    private String deliver(String headers, byte[] body) throws Exception {
        String id = "<m" + MESSAGE.incrementAndGet() + "." + System.nanoTime() + "@example.com>";
        byte[] head = ("Message-ID: " + id + "\r\nMIME-Version: 1.0\r\n" + headers + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] raw = new byte[head.length + body.length];
        System.arraycopy(head, 0, raw, 0, head.length);
        System.arraycopy(body, 0, raw, head.length, body.length);
        mailbox.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
        return id;
    }

    private static String b64(String text, Charset charset) {
        return Base64.getMimeEncoder().encodeToString(text.getBytes(charset));
    }

    private static String subject(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private Complaint byMail(String address) {
        return complaints.find(jdbc.sql("select case_number from complaint where customer_email = ?"
                + " order by created_at desc, case_number desc").param(address).query(String.class).list().get(0))
                .orElseThrow();
    }

    @Test
    void newMailsBecomeEmailComplaintsAndAReplyWithTheCaseNumberGoesToTheTimeline() throws Exception {
        String address = "sun" + TestScenarios.uniquePhone() + "@example.com";
        deliver("From: " + subject("孙女士") + " <" + address + ">\r\nSubject: " + subject("快递三天没到")
                        + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64",
                b64("订单 123 的快递三天没到，客服电话打不通。", StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII));

        assertThat(poller.poll()).isEqualTo(Map.of(Outcome.CREATED, 1));
        Complaint complaint = byMail(address);
        assertThat(complaint.channel()).isEqualTo("email");
        assertThat(complaint.customer().name()).isEqualTo("孙女士");
        assertThat(complaint.subject()).isEqualTo("快递三天没到");
        assertThat(complaint.description()).isEqualTo("订单 123 的快递三天没到，客服电话打不通。");
        long before = jdbc.sql("select count(*) from complaint").query(Long.class).single();

        deliver("From: " + address + "\r\nSubject: " + subject("回复：【投诉受理】工单号 " + complaint.caseNumber())
                        + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64",
                b64("补充：快递单号 SF123。", StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII));

        assertThat(poller.poll()).isEqualTo(Map.of(Outcome.REPLY, 1));
        assertThat(jdbc.sql("select count(*) from complaint").query(Long.class).single()).isEqualTo(before);
        TimelineEntry reply = complaints.timeline(complaint.caseNumber()).stream()
                .filter(e -> e.kind().equals("CUSTOMER_MESSAGE")).findFirst().orElseThrow();
        assertThat(reply.detail()).isEqualTo("补充：快递单号 SF123。");
        assertThat(reply.summary()).contains(address);

        assertThat(poller.poll()).as("read mails are flagged seen").isEmpty();

        String headers = "From: " + address + "\r\nSubject: Re: " + complaint.caseNumber()
                + "\r\nContent-Type: text/plain; charset=UTF-8";
        String id = deliver(headers, "again".getBytes(StandardCharsets.UTF_8));
        assertThat(poller.poll()).isEqualTo(Map.of(Outcome.REPLY, 1));
        mailbox.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
                ("Message-ID: " + id + "\r\nMIME-Version: 1.0\r\n" + headers + "\r\n\r\nagain")
                        .getBytes(StandardCharsets.UTF_8))));
        assertThat(poller.poll()).as("the same reply read again (another node, a reset flag) is added once")
                .isEqualTo(Map.of(Outcome.EXISTING, 1));
        assertThat(complaints.timeline(complaint.caseNumber())).filteredOn(e -> e.kind().equals("CUSTOMER_MESSAGE"))
                .hasSize(2);
    }

    @Test
    void theSameMailTwiceIsOneComplaint() throws Exception {
        String address = "twice" + TestScenarios.uniquePhone() + "@example.com";
        String headers = "From: " + address + "\r\nSubject: twice\r\nContent-Type: text/plain; charset=UTF-8";
        String id = deliver(headers, "the same mail".getBytes(StandardCharsets.UTF_8));
        assertThat(poller.poll()).isEqualTo(Map.of(Outcome.CREATED, 1));
        byte[] raw = ("Message-ID: " + id + "\r\nMIME-Version: 1.0\r\n" + headers + "\r\n\r\nthe same mail")
                .getBytes(StandardCharsets.UTF_8);
        mailbox.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
        assertThat(poller.poll()).isEqualTo(Map.of(Outcome.EXISTING, 1));
    }

    @Test
    void malformedMailsAreHandledWithoutLosingThem() throws Exception {
        String noBody = "nobody" + TestScenarios.uniquePhone() + "@example.com";
        deliver("From: " + noBody + "\r\nSubject: " + subject("只有主题没有正文") + "\r\nContent-Type: text/plain; charset=UTF-8",
                new byte[0]);
        String huge = "huge" + TestScenarios.uniquePhone() + "@example.com";
        deliver("From: " + huge + "\r\nSubject: huge\r\nContent-Type: text/plain; charset=UTF-8",
                "很长的邮件".repeat(5_000).getBytes(StandardCharsets.UTF_8));
        String badCharset = "charset" + TestScenarios.uniquePhone() + "@example.com";
        deliver("From: " + badCharset + "\r\nSubject: charset\r\nContent-Type: text/plain; charset=x-no-such-charset"
                        + "\r\nContent-Transfer-Encoding: base64",
                b64("商品质量有问题，要求退货", Charset.forName("GBK")).getBytes(StandardCharsets.US_ASCII));
        String html = "html" + TestScenarios.uniquePhone() + "@example.com";
        deliver("From: " + html + "\r\nSubject: html\r\nContent-Type: multipart/alternative; boundary=\"b1\"",
                ("--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>网页<b>邮件</b></p><script>x()</script>\r\n--b1--\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        deliver("Subject: \r\nContent-Type: text/plain", new byte[0]);

        assertThat(poller.poll()).isEqualTo(Map.of(Outcome.CREATED, 4, Outcome.REJECTED, 1));

        assertThat(byMail(noBody).description()).isEqualTo("（邮件无正文）只有主题没有正文");
        assertThat(byMail(huge).description()).startsWith("（邮件过大").contains("正文未读取");
        assertThat(byMail(badCharset).description()).isEqualTo("商品质量有问题，要求退货");
        assertThat(byMail(html).description()).isEqualTo("网页邮件");
        assertThat(poller.poll()).as("the rejected mail is not read again and again").isEmpty();
    }
}
