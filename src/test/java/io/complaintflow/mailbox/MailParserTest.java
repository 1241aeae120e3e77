package io.complaintflow.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parser on its own: what it makes of headers, structures and texts (no server, no database). */
class MailParserTest {

    private final MailParser parser = new MailParser(1024, 2);

    private ParsedMail parse(String headers, String body) throws Exception {
        return parser.parse(Mails.raw(headers, body));
    }

    @Test
    void everyKindOfAutomaticMailIsRecognisedAndAPersonsMailIsNot() throws Exception {
        String base = "From: a@customer.example\nSubject: s\nContent-Type: text/plain; charset=UTF-8\n";
        assertThat(parse(base + "Auto-Submitted: auto-replied", "x").autoReply().reason())
                .isEqualTo("Auto-Submitted: auto-replied");
        assertThat(parse(base + "Auto-Submitted: auto-generated", "x").autoReply().kind())
                .isEqualTo(AutoReply.Kind.AUTO_REPLY);
        assertThat(parse(base + "Auto-Submitted: no", "x").autoReply().automatic()).isFalse();
        assertThat(parse(base + "X-Autoreply: yes", "x").autoReply().automatic()).isTrue();
        assertThat(parse(base + "X-Autorespond: vacation", "x").autoReply().automatic()).isTrue();
        assertThat(parse(base + "Precedence: Bulk", "x").autoReply().automatic()).isTrue();
        assertThat(parse(base + "Precedence: junk", "x").autoReply().automatic()).isTrue();
        assertThat(parse(base + "Precedence: auto_reply", "x").autoReply().automatic()).isTrue();
        assertThat(parse(base + "Precedence: first-class", "x").autoReply().automatic()).isFalse();
        assertThat(parse(base + "X-Failed-Recipients: Gone@Customer.example", "x").autoReply())
                .satisfies(a -> {
                    assertThat(a.kind()).isEqualTo(AutoReply.Kind.BOUNCE);
                    assertThat(a.bounce().failedRecipients()).containsExactly("gone@customer.example");
                });
        assertThat(parse(base, "一位真正的客户").autoReply()).isEqualTo(AutoReply.NONE);
    }

    @Test
    void aDeliveryReportNamesTheFailedAddressTheDiagnosticAndTheMailThatBounced() throws Exception {
        ParsedMail failed = parser.parse(MailboxScenarios.bounce("Gone@Customer.example", "工单 CMP-20260101-000001",
                "failed", "smtp; 550 5.1.1 no such user"));
        assertThat(failed.autoReply().kind()).isEqualTo(AutoReply.Kind.BOUNCE);
        assertThat(failed.autoReply().bounce().failedRecipients()).containsExactly("gone@customer.example");
        assertThat(failed.autoReply().bounce().diagnostic()).isEqualTo("smtp; 550 5.1.1 no such user");
        assertThat(failed.autoReply().bounce().originalSubject()).isEqualTo("工单 CMP-20260101-000001");
        assertThat(failed.autoReply().bounce().originalIds()).singleElement().asString()
                .startsWith("<ack.").endsWith("@complaintflow.local>");

        ParsedMail delayed = parser.parse(MailboxScenarios.bounce("slow@customer.example", "x", "delayed", "4.2.0"));
        assertThat(delayed.autoReply().kind()).as("a delay is no bounce").isEqualTo(AutoReply.Kind.AUTO_REPLY);
    }

    @Test
    void theThreadListsTheMailAnsweredFirstThenTheReferencesFromTheNewest() throws Exception {
        ParsedMail mail = parse("From: a@customer.example\nSubject: Re\nIn-Reply-To: <c@x>\n"
                + "References: <a@x>\n <b@x> <c@x>\nContent-Type: text/plain", "x");
        assertThat(mail.threadIds()).containsExactly("<c@x>", "<b@x>", "<a@x>");
    }

    @Test
    void theReferenceIsTheMessageIdElseSenderDateSubjectAndText() throws Exception {
        String headers = "Message-ID: <same@x>\nFrom: a@customer.example\nSubject: s\nContent-Type: text/plain";
        assertThat(parse(headers, "one").reference()).isEqualTo(parse(headers, "two").reference());
        String noId = "From: a@customer.example\nDate: Mon, 1 Jun 2026 10:00:00 +0800\nSubject: s\n"
                + "Content-Type: text/plain";
        assertThat(parser.parse(Mails.raw(noId.replace("From", "Message-ID: <x@y>\nFrom"), "one")).reference())
                .isNotEqualTo(reference(noId, "one"));
        assertThat(reference(noId, "one")).isEqualTo(reference(noId, "one")).isNotEqualTo(reference(noId, "two"))
                .startsWith("MAIL-").hasSize(45);
    }

    /** Without a Message-ID (Mails.raw would add one): the raw bytes as written. */
    private String reference(String headers, String body) throws Exception {
        byte[] raw = ("MIME-Version: 1.0\r\n" + headers.replace("\n", "\r\n") + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
        return parser.parse(raw).reference();
    }

    @Test
    void fileNamesInEveryEncodingClientsUseAreReadAndMadeHarmless() throws Exception {
        ParsedMail mail = parse("From: a@customer.example\nSubject: files\n"
                + "Content-Type: multipart/mixed; boundary=\"m\"", "--m\nContent-Type: text/plain; charset=UTF-8\n\n正文\n"
                + "--m\nContent-Type: application/pdf\nContent-Disposition: attachment; filename*=UTF-8''%E5%8F%91%E7%A5%A8.pdf\n\nA\n"
                + "--m\nContent-Type: image/png\nContent-Disposition: attachment; filename=\""
                + Mails.word("照片.png", Charset.forName("GBK")) + "\"\n\nB\n"
                + "--m\nContent-Type: text/plain\nContent-Disposition: attachment; filename=\"../../etc/passwd\"\n\nC\n"
                + "--m--\n");
        assertThat(mail.text()).isEqualTo("正文");
        assertThat(mail.attachments()).extracting(MailAttachment::name)
                .containsExactly("发票.pdf", "照片.png", "....etcpasswd");
        assertThat(mail.attachments()).extracting(MailAttachment::kept).containsExactly(true, true, false);
        assertThat(mail.attachments().get(2).notKept()).contains("2 个附件的上限");
        assertThat(mail.problems()).containsKey(Problem.ATTACHMENT_NOT_KEPT);
    }

    @Test
    void textIsDecodedWhateverItsLabelAndCleanedOfWhatIntakeRefuses() throws Exception {
        String gbk = Mails.b64("王镕堃的退款", Charset.forName("GBK"));
        assertThat(parse("From: a@customer.example\nSubject: s\nContent-Type: text/plain; charset=gb2312\n"
                + "Content-Transfer-Encoding: base64", gbk).text()).isEqualTo("王镕堃的退款");
        assertThat(parse("From: a@customer.example\nSubject: s\nContent-Type: text/plain; charset=x-unknown\n"
                + "Content-Transfer-Encoding: base64", gbk).text()).isEqualTo("王镕堃的退款");
        assertThat(parse("From: a@customer.example\nSubject: s\nContent-Type: text/plain; charset=iso-8859-1\n"
                + "Content-Transfer-Encoding: base64", Mails.b64("中文", StandardCharsets.UTF_8)).text())
                .as("labelled Latin-1, written in UTF-8 (every byte is Latin-1, but valid UTF-8 is no accident)")
                .isEqualTo("中文");
        assertThat(parse("From: a@customer.example\nSubject: s\nContent-Type: text/plain; charset=iso-8859-1\n"
                + "Content-Transfer-Encoding: base64", Mails.b64("Müller café", StandardCharsets.ISO_8859_1)).text())
                .isEqualTo("Müller café");
        assertThat(parse("From: a@customer.example\nSubject: " + Mails.word("零\u200b宽\u202e方向")
                + "\nContent-Type: text/plain; charset=UTF-8", "正\u200d文\u0007").text()).isEqualTo("正文");
        assertThat(parse("From: a@customer.example\nSubject: " + Mails.word("零\u200b宽\u202e方向")
                + "\nContent-Type: text/plain; charset=UTF-8", "x").subject()).isEqualTo("零宽方向");
    }

    @Test
    void htmlBecomesTheTextAReaderSees() {
        assertThat(MailText.htmlToText("<html><head><title>T</title><style>p{}</style><script>s()</script></head>"
                + "<body><div><p>一&amp;二</p><p>三&nbsp;四</p></div><pre>  五\n  六</pre><noscript>n</noscript>"
                + "<table><tr><td>甲</td><td>乙</td></tr></table>七<br>八</body></html>"))
                .isEqualTo("一&二\n三 四\n  五\n  六\n甲乙\n七\n八");
    }
}
