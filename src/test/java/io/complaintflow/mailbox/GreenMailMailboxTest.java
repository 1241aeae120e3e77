package io.complaintflow.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.ServerSetup;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.mailbox.Handled.Outcome;
import io.complaintflow.mailbox.MailboxPoller.Observer;
import jakarta.mail.MessagingException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mailbox scenarios against GreenMail (quick, in this JVM), and what only GreenMail lets us try. */
@ComplaintFlowTest
class GreenMailMailboxTest extends MailboxScenarios {

    private static GreenMailServer server;

    @BeforeAll
    static void start() {
        server = new GreenMailServer(ServerSetup.PROTOCOL_IMAP);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    ImapServer server() {
        return server;
    }

    @Test
    void aMailWhoseHandlingKeepsFailingIsReadAgainThenHandedToAPerson() throws Exception {
        String user = server.newUser();
        String address = Mails.address("failing");
        server.deliver(user, Mails.text(address, "keeps failing", "每次都失败"));
        Observer databaseTrouble = new Observer() {
            @Override
            public void beforeCommit(ParsedMail mail) {
                throw new IllegalStateException("database trouble");
            }
        };
        MailboxPoller poller = poller(user, Map.of("max-attempts", "3"), databaseTrouble);

        for (int attempt = 1; attempt < 3; attempt++) {
            MailboxPoller.PollResult result = poller.poll();
            assertThat(result.failed()).isEqualTo(1);
            assertThat(result.counts()).isEmpty();
            assertThat(server.list(user, "INBOX")).singleElement().extracting(ImapServer.Listed::seen)
                    .as("rolled back and left unseen: read again").isEqualTo(false);
        }
        assertThat(counts(poller.poll())).isEqualTo(Map.of(Outcome.REVIEW, 1));

        assertThat(casesOf(address)).isEmpty();
        assertThat(reviewFor("keeps failing")).satisfies(r -> {
            assertThat(r.problems()).extracting(MailRecord.ProblemView::code).containsExactly("FAILED");
            assertThat(r.detail()).contains("database trouble");
        });
        assertThat(server.list(user, "INBOX")).isEmpty();
        assertThat(server.list(user, REVIEW_FOLDER)).hasSize(1);
    }

    @Test
    void withADoneFolderHandledMailsAreMovedThereSeen() throws Exception {
        String user = server.newUser();
        String address = Mails.address("done");
        server.deliver(user, Mails.text(address, "done folder", "处理后移走"));

        assertThat(counts(poller(user, Map.of("done-folder", "已处理"), Observer.NONE).poll()))
                .isEqualTo(Map.of(Outcome.COMPLAINT, 1));

        assertThat(casesOf(address)).hasSize(1);
        assertThat(server.list(user, "INBOX")).isEmpty();
        assertThat(server.list(user, "已处理")).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("done folder");
            assertThat(m.seen()).isTrue();
        });
    }

    @Test
    void starttlsRequiredRefusesAServerThatDoesNotOfferIt() throws Exception {
        String user = server.newUser();
        server.deliver(user, Mails.text(Mails.address("plain"), "plain", "不该被读到"));
        MailboxPoller poller = poller(user, Map.of("starttls", "true"), Observer.NONE);

        assertThatThrownBy(poller::poll).isInstanceOf(MessagingException.class).hasMessageContaining("STARTTLS");
        assertThat(status.snapshot().lastError()).contains("STARTTLS");
        assertThat(server.list(user, "INBOX")).singleElement().extracting(ImapServer.Listed::seen).isEqualTo(false);
    }

    @Test
    void implicitTlsChecksTheCertificateUnlessToldNotTo() throws Exception {
        try (GreenMailServer imaps = new GreenMailServer(ServerSetup.PROTOCOL_IMAPS)) {
            String user = imaps.newUser();
            String address = Mails.address("tls");
            imaps.deliver(user, Mails.text(address, "tls", "经 TLS 读取"));
            MailboxPoller checking = new MailboxPoller(imaps.settings(user, Map.of("protocol", "imaps")), handler,
                    lease, status, "node-tls-1", Observer.NONE);
            assertThatThrownBy(checking::poll).as("GreenMail's self-signed certificate is not trusted")
                    .isInstanceOf(MessagingException.class);
            assertThat(status.snapshot().lastError()).as("certificate not trusted").contains("certification path");

            MailboxPoller trusting = new MailboxPoller(imaps.settings(user, Map.of("protocol", "imaps",
                    "check-certificate", "false")), handler, lease, status, "node-tls-2", Observer.NONE);
            assertThat(counts(trusting.poll())).isEqualTo(Map.of(Outcome.COMPLAINT, 1));
            assertThat(casesOf(address)).hasSize(1);
        }
    }
}
