package io.complaintflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.StreamProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stream provider is named once, as Jakarta Mail's own services file names it, and mail still encodes. */
class MailStreamsTest {

    private String before;

    @BeforeEach
    void clear() {
        before = System.clearProperty(MailStreams.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before != null) {
            System.setProperty(MailStreams.PROPERTY, before);
        } else {
            System.clearProperty(MailStreams.PROPERTY);
        }
    }

    @Test
    void namesTheProviderJakartaMailsServicesFileNamesAndHeadersStillEncode() throws Exception {
        assertThat(MailStreams.name(getClass().getClassLoader())).isTrue();
        assertThat(System.getProperty(MailStreams.PROPERTY))
                .isEqualTo(ServiceLoader.load(StreamProvider.class).findFirst().orElseThrow().getClass().getName());
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(MailStreams.PROVIDER);
        String subject = "您的投诉已受理：CMP-20261204-000001（预计 3 个工作日内答复）";
        assertThat(MimeUtility.decodeText(MimeUtility.encodeText(subject, "UTF-8", "B"))).isEqualTo(subject);
        assertThat(MailStreams.name(getClass().getClassLoader())).as("named once").isFalse();
    }

    @Test
    void leavesANameSetBeforeAloneAndNamesNothingItCannotLoad() throws Exception {
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            assertThat(MailStreams.name(bare)).isFalse();
            assertThat(System.getProperty(MailStreams.PROPERTY)).isNull();
        }
        System.setProperty(MailStreams.PROPERTY, "some.other.Provider");
        try {
            assertThat(MailStreams.name(getClass().getClassLoader())).isFalse();
            assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo("some.other.Provider");
        } finally {
            System.clearProperty(MailStreams.PROPERTY);
        }
    }
}
