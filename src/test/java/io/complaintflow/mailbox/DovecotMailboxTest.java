package io.complaintflow.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.mailbox.Handled.Outcome;
import io.complaintflow.mailbox.MailboxPoller.Observer;
import jakarta.mail.MessagingException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mailbox scenarios against Debian's Dovecot (skipped, with a "SKIPPED …" line, where it is not installed), and
 * STARTTLS with the certificate checks, which GreenMail does not offer.
 */
@ComplaintFlowTest
class DovecotMailboxTest extends MailboxScenarios {

    private static Dovecot dovecot;

    @BeforeAll
    static void start() {
        dovecot = Dovecot.start();
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Override
    ImapServer server() {
        return dovecot;
    }

    @Test
    void starttlsWithTheServersCertificateTrustedAndItsNameChecked() throws Exception {
        String user = dovecot.newUser();
        String address = Mails.address("starttls");
        dovecot.deliver(user, Mails.text(address, "starttls", "经 STARTTLS 读取"));
        String certificate = dovecot.certificate().toString();

        MailboxPoller untrusted = poller(user, Map.of("starttls", "true"), Observer.NONE);
        assertThatThrownBy(untrusted::poll).as("a self-signed certificate the JVM does not trust")
                .isInstanceOf(MessagingException.class);
        assertThat(status.snapshot().lastError()).as("certificate not trusted").contains("certification path");

        MailboxPoller wrongName = poller(user, Map.of("starttls", "true", "trusted-certificates", certificate),
                Observer.NONE);
        assertThatThrownBy(wrongName::poll).as("trusted, but issued to localhost, not to 127.0.0.1")
                .isInstanceOf(MessagingException.class);

        MailboxPoller checked = new MailboxPoller(dovecot.settings(user, Map.of("host", "localhost", "starttls",
                "true", "trusted-certificates", certificate)), handler, lease, status, "node-starttls", Observer.NONE);
        assertThat(counts(checked.poll())).isEqualTo(Map.of(Outcome.COMPLAINT, 1));
        assertThat(casesOf(address)).hasSize(1);
        assertThat(dovecot.log()).containsPattern("Login: user=<" + user + ">.*TLS");
        assertThat(status.snapshot().lastSuccessAt()).isNotNull();

        dovecot.deliver(user, Mails.text(Mails.address("nocheck"), "nocheck", "不校验证书"));
        MailboxPoller unchecked = poller(user, Map.of("starttls", "true", "check-certificate", "false"),
                Observer.NONE);
        assertThat(counts(unchecked.poll())).isEqualTo(Map.of(Outcome.COMPLAINT, 1));
    }
}
