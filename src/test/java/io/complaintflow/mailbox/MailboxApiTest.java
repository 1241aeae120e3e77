package io.complaintflow.mailbox;

import static io.complaintflow.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.TimelineEntry;
import io.complaintflow.mailbox.Handled.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the complaint center does with the mailbox through /api (the review list and its decisions, the complaint's
 * files) and what an operator sees in health. Mails are handed to the handler directly: the IMAP side is
 * {@link MailboxScenarios}'.
 */
@ComplaintFlowTest
class MailboxApiTest {

    @Autowired MockMvc mvc;
    @Autowired MailHandler handler;
    @Autowired MailboxMessages messages;
    @Autowired MailboxLease lease;
    @Autowired ComplaintRepository complaints;
    @Autowired JdbcClient jdbc;
    @Autowired HealthEndpointGroups healthGroups;

    private final MailParser parser = new MailParser(1024, 5);

    private Handled take(byte[] raw) throws Exception {
        return handler.handle(parser.parse(raw), new MailHandler.Source("api-test", Instant.now(), "api-node"), () -> {
        });
    }

    @Test
    void aStrangersMailIsTheCentersToDecideAndOnlyTheirDecisionPutsItOnTheTimeline() throws Exception {
        String customer = Mails.address("api");
        String caseNumber = take(Mails.text(customer, "热水器漏电", "热水器漏电，差点出事。")).caseNumber();
        String subject = "Re: " + caseNumber + " 我是她丈夫";
        Handled stranger = take(Mails.text(Mails.address("husband"), subject, "我爱人手机坏了，由我代为补充：漏电时有焦味。"));
        assertThat(stranger.outcome()).isEqualTo(Outcome.REVIEW);
        long id = messages.reviews(MailboxMessages.OPEN, 500).stream().filter(r -> subject.equals(r.subject()))
                .findFirst().orElseThrow().id();

        mvc.perform(get("/api/mailbox/reviews").with(as("quality"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/mailbox/reviews").with(as("center"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + id + ")].caseNumber").value(caseNumber))
                .andExpect(jsonPath("$[?(@.id == " + id + ")].problems[0].code").value("NOT_CUSTOMER"))
                .andExpect(jsonPath("$[?(@.id == " + id + ")].problems[0].label").value("发件人不是该投诉登记的客户邮箱"))
                .andExpect(jsonPath("$[?(@.id == " + id + ")].text").value("我爱人手机坏了，由我代为补充：漏电时有焦味。"));
        mvc.perform(get("/api/mailbox/reviews?state=maybe").with(as("center"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("state"));

        mvc.perform(post("/api/mailbox/reviews/" + id).with(as("center")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"publish\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("action"));
        mvc.perform(post("/api/mailbox/reviews/" + id).with(as("center")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"dismiss\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("note"));
        mvc.perform(post("/api/mailbox/reviews/" + id).with(as("center")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"add-to-timeline\",\"caseNumber\":\"CMP-19990101-000001\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("caseNumber"));
        assertThat(customerMessages(caseNumber)).as("refused decisions change nothing").isEmpty();

        mvc.perform(post("/api/mailbox/reviews/" + id).with(as("center")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"add-to-timeline\",\"note\":\"已电话向客户本人核实\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reviewState").value("RESOLVED"))
                .andExpect(jsonPath("$.resolvedBy").value("center"));
        assertThat(customerMessages(caseNumber)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("center");
            assertThat(entry.summary()).contains("经 center 核实后加入");
            assertThat(entry.detail()).isEqualTo("我爱人手机坏了，由我代为补充：漏电时有焦味。\n\n核实说明：已电话向客户本人核实");
        });
        mvc.perform(post("/api/mailbox/reviews/" + id).with(as("center")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"dismiss\",\"note\":\"重复\"}"))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/mailbox/messages?caseNumber=" + caseNumber).with(as("manager")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2));
    }

    /**
     * The mailbox hands out senders and texts, strangers' too: under the privacy policy (docs/privacy.md) every group
     * that may open it sees them in full by default, and each read is in the access log — a mail as a read of its
     * complaint, a mail without one as {@code MAIL-<id>}. (Masking, were a group narrowed, is OtherReadsTest's.)
     */
    @Test
    void everyReadOfTheMailboxIsInTheAccessLogForEachGroupThatMayOpenIt() throws Exception {
        String caseNumber = take(Mails.text(Mails.address("reads"), "快递未到", "快递一直没到。")).caseNumber();
        String stranger = Mails.address("neighbour");
        String subject = "Re: " + caseNumber + " 邻居代为补充 " + System.nanoTime();
        assertThat(take(Mails.text(stranger, subject, "我的手机 13766667777，快递一直没到。")).outcome())
                .isEqualTo(Outcome.REVIEW);
        long id = messages.reviews(MailboxMessages.OPEN, 500).stream().filter(r -> subject.equals(r.subject()))
                .findFirst().orElseThrow().id();
        for (String user : new String[] {"center", "center-lead", "manager", "demo"}) {
            long before = mailReads(user, id);
            mvc.perform(get("/api/mailbox/reviews").with(as(user))).andExpect(status().isOk())
                    .andExpect(jsonPath("$[?(@.id == " + id + ")].sender").value(stranger))
                    .andExpect(jsonPath("$[?(@.id == " + id + ")].text").value("我的手机 13766667777，快递一直没到。"));
            assertThat(mailReads(user, id) - before).as(user).isEqualTo(1);
        }
        for (String user : new String[] {"quality", "owner", "commander", "agent", "privacy"}) {
            mvc.perform(get("/api/mailbox/reviews").with(as(user))).andExpect(status().isForbidden());
        }
    }

    private long mailReads(String user, long id) {
        return jdbc.sql("select count(*) from privacy_access_log where user_id = ? and door = 'MAILBOX' and what like ?")
                .params(user, "mail " + id + " %in full").query(Long.class).single();
    }

    private List<TimelineEntry> customerMessages(String caseNumber) {
        return complaints.timeline(caseNumber).stream().filter(e -> e.kind().equals("CUSTOMER_MESSAGE")).toList();
    }

    @Test
    void attachmentsAreDownloadsForWhoeverMayReadTheComplaintAndNeverAPage() throws Exception {
        String customer = Mails.address("files");
        String page = "<html><script>alert(document.cookie)</script></html>";
        Handled handled = take(Mails.raw("From: " + customer + "\nSubject: files\n"
                + "Content-Type: multipart/mixed; boundary=\"m\"", "--m\nContent-Type: text/plain; charset=UTF-8\n\n"
                + "见附件。\n--m\nContent-Type: text/html; name=\"x.html\"\nContent-Disposition: attachment; "
                + "filename=\"" + Mails.word("说明.html") + "\"\n\n" + page + "\n--m--\n"));
        String caseNumber = handled.caseNumber();
        long id = jdbc.sql("select id from mailbox_attachment where case_number = ?").param(caseNumber)
                .query(Long.class).single();

        mvc.perform(get("/api/complaints/" + caseNumber + "/attachments").with(as("center")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].fileName").value("说明.html"));
        mvc.perform(get("/api/complaints/" + caseNumber + "/attachments/" + id).with(as("center")))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_OCTET_STREAM))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.startsWith("attachment;"),
                        org.hamcrest.Matchers.containsString("filename*=UTF-8''%E8%AF%B4%E6%98%8E.html"))))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(content().bytes(page.getBytes(StandardCharsets.UTF_8)));
        mvc.perform(get("/api/complaints/" + caseNumber + "/attachments/" + id).with(as("quality")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/complaints/" + caseNumber + "/attachments/" + (id + 1000)).with(as("center")))
                .andExpect(status().isNotFound());
    }

    @Test
    void theMailboxComponentReportsTheLastPollAndNeverTakesTheNodeOutOfReadiness() throws Exception {
        String user = "health" + System.nanoTime();
        MailboxProperties settings = ImapServer.settings("127.0.0.1", closedPort(), user, Map.of("enabled", "true"));
        MailboxStatus status = new MailboxStatus();
        MailboxHealthIndicator health = new MailboxHealthIndicator(settings, status, lease, messages);
        assertThat(health.health().getDetails()).containsEntry("lastSuccessfulPoll", "never");

        MailboxPoller poller = new MailboxPoller(settings, handler, lease,
                status, "health-node", MailboxPoller.Observer.NONE);
        org.assertj.core.api.Assertions.assertThatThrownBy(poller::poll)
                .isInstanceOf(jakarta.mail.MessagingException.class);
        Health failing = health.health();
        assertThat(failing.getStatus()).isEqualTo(new Status("DEGRADED"));
        assertThat((String) failing.getDetails().get("lastError")).contains("MailConnectException");

        assertThat(healthGroups.get("readiness").isMember("mailbox")).as("readiness ignores the mailbox").isFalse();
        assertThat(healthGroups.get("liveness").isMember("mailbox")).as("liveness ignores the mailbox").isFalse();
        assertThat(healthGroups.getPrimary().getHttpCodeStatusMapper().getStatusCode(new Status("DEGRADED")))
                .isEqualTo(200);
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    }

    private static int closedPort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
