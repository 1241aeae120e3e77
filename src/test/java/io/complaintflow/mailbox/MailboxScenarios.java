package io.complaintflow.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.TimelineEntry;
import io.complaintflow.mailbox.Handled.Outcome;
import io.complaintflow.mailbox.ImapServer.Listed;
import io.complaintflow.mailbox.MailboxPoller.Observer;
import io.complaintflow.mailbox.MailboxPoller.PollResult;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The mailbox channel against a real IMAP server, once per server (GreenMail, Dovecot): every scenario has its own
 * mailbox user, its own customers and its own poller (a "node").
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class MailboxScenarios {

    static final String REVIEW_FOLDER = "需人工处理";
    private static final AtomicInteger NODES = new AtomicInteger();

    @Autowired MailHandler handler;
    @Autowired MailboxLease lease;
    @Autowired MailboxStatus status;
    @Autowired MailboxMessages messages;
    @Autowired MailboxAttachments attachments;
    @Autowired ComplaintRepository complaints;
    @Autowired JdbcClient jdbc;
    @Autowired io.complaintflow.notification.MailDispatcher sentMails;
    @Autowired io.complaintflow.TestScenarios intake;
    @Autowired com.icegreen.greenmail.util.GreenMail smtp;

    abstract ImapServer server();

    /** A poller killed by the test: an Error, so nothing after the kill point runs (no flag, no lease release). */
    static final class Killed extends Error {
        Killed() {
            super("killed by the test");
        }
    }

    MailboxPoller poller(String user, Map<String, String> overrides, Observer observer) {
        return new MailboxPoller(server().settings(user, overrides), handler, lease, status,
                "node-" + NODES.incrementAndGet(), observer);
    }

    MailboxPoller poller(String user) {
        return poller(user, Map.of(), Observer.NONE);
    }

    List<String> casesOf(String address) {
        return jdbc.sql("select case_number from complaint where customer_email = ? order by created_at, case_number")
                .param(address).query(String.class).list();
    }

    Complaint complaintOf(String address) {
        List<String> cases = casesOf(address);
        assertThat(cases).as("complaints of " + address).hasSize(1);
        return complaints.find(cases.get(0)).orElseThrow();
    }

    List<TimelineEntry> customerMessages(String caseNumber) {
        return complaints.timeline(caseNumber).stream().filter(e -> e.kind().equals("CUSTOMER_MESSAGE")).toList();
    }

    MailRecord reviewFor(String subject) {
        return messages.reviews(MailboxMessages.OPEN, 500).stream()
                .filter(r -> subject.equals(r.subject())).findFirst().orElseThrow(() ->
                        new AssertionError("no open review for " + subject));
    }

    static Map<Outcome, Integer> counts(PollResult result) {
        assertThat(result.polled()).as("polled").isTrue();
        assertThat(result.failed()).as("failed mails").isZero();
        return result.counts();
    }

    /** A complaint filed by mail from {@code address}; its case number. */
    String complaintByMail(String user, String address) throws Exception {
        server().deliver(user, Mails.text(address, "空调不制冷", "新买的空调不制冷，要求上门检修。"));
        assertThat(counts(poller(user).poll())).isEqualTo(Map.of(Outcome.COMPLAINT, 1));
        return complaintOf(address).caseNumber();
    }

    @Test
    void aNewMailBecomesAComplaintAndIsFlaggedSeenOnlyAfterItsCommit() throws Exception {
        String user = server().newUser();
        String address = Mails.address("sun");
        server().deliver(user, Mails.raw("From: " + Mails.word("孙女士") + " <" + address + ">\nSubject: "
                        + Mails.word("快递三天没到") + "\nContent-Type: text/plain; charset=UTF-8\n"
                        + "Content-Transfer-Encoding: base64",
                Mails.b64("订单 123 的快递三天没到，客服电话打不通。", StandardCharsets.UTF_8)));
        List<List<Listed>> duringHandling = new ArrayList<>();
        Observer peek = new Observer() {
            @Override
            public void beforeCommit(ParsedMail mail) {
                try {
                    duringHandling.add(server().list(user, "INBOX"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        assertThat(counts(poller(user, Map.of(), peek).poll())).isEqualTo(Map.of(Outcome.COMPLAINT, 1));

        assertThat(duringHandling).singleElement().satisfies(inbox -> assertThat(inbox).singleElement()
                .as("read with BODY.PEEK: still unseen on the server while its complaint is being stored")
                .extracting(Listed::seen).isEqualTo(false));
        Complaint complaint = complaintOf(address);
        assertThat(complaint.channel()).isEqualTo("email");
        assertThat(complaint.customer().name()).isEqualTo("孙女士");
        assertThat(complaint.subject()).isEqualTo("快递三天没到");
        assertThat(complaint.description()).isEqualTo("订单 123 的快递三天没到，客服电话打不通。");
        assertThat(server().list(user, "INBOX")).singleElement().extracting(Listed::seen).isEqualTo(true);
        assertThat(counts(poller(user).poll())).as("a seen mail is not read again").isEmpty();
    }

    @Test
    void aPollerKilledBetweenFetchAndCommitLeavesTheMailUnseenAndTheNextPollTakesItOnce() throws Exception {
        String user = server().newUser();
        String address = Mails.address("kill");
        server().deliver(user, Mails.text(address, "冰箱漏水", "冰箱漏水，地板泡坏了。"));
        Observer killAfterFetch = new Observer() {
            @Override
            public void fetched(ParsedMail mail) {
                throw new Killed();
            }
        };
        Observer killBeforeCommit = new Observer() {
            @Override
            public void beforeCommit(ParsedMail mail) {
                throw new Killed();
            }
        };

        String mailbox = server().settings(user).key();
        for (Observer kill : List.of(killAfterFetch, killBeforeCommit)) {
            MailboxPoller dying = poller(user, Map.of("lease", "PT2S"), kill);
            assertThatThrownBy(dying::poll).isInstanceOf(Killed.class);
            assertThat(lease.holder(mailbox)).as("the dead node's lease holds until it runs out").isNotNull();
            assertThat(server().list(user, "INBOX")).singleElement().extracting(Listed::seen)
                    .as("the server never marked it seen").isEqualTo(false);
            assertThat(casesOf(address)).as("nothing was committed").isEmpty();
            awaitLeaseExpiry(mailbox);
        }

        assertThat(counts(poller(user).poll())).isEqualTo(Map.of(Outcome.COMPLAINT, 1));
        assertThat(casesOf(address)).hasSize(1);
        assertThat(server().list(user, "INBOX")).singleElement().extracting(Listed::seen).isEqualTo(true);
        assertThat(counts(poller(user).poll())).isEmpty();
        assertThat(casesOf(address)).as("taken once").hasSize(1);
    }

    private void awaitLeaseExpiry(String mailbox) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(10);
        while (lease.holder(mailbox) != null && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(lease.holder(mailbox)).isNull();
    }

    @Test
    void aPollerKilledAfterTheCommitBeforeTheFlagDoesNotMakeASecondComplaint() throws Exception {
        String user = server().newUser();
        String address = Mails.address("late");
        server().deliver(user, Mails.text(address, "洗衣机异响", "洗衣机脱水时异响。"));
        Observer killAfterCommit = new Observer() {
            @Override
            public void committed(ParsedMail mail, Handled handled) {
                throw new Killed();
            }
        };
        assertThatThrownBy(poller(user, Map.of("lease", "PT2S"), killAfterCommit)::poll).isInstanceOf(Killed.class);
        assertThat(casesOf(address)).hasSize(1);
        assertThat(server().list(user, "INBOX")).singleElement().extracting(Listed::seen).isEqualTo(false);
        awaitLeaseExpiry(server().settings(user).key());

        assertThat(counts(poller(user).poll())).isEqualTo(Map.of(Outcome.ALREADY_HANDLED, 1));
        assertThat(casesOf(address)).hasSize(1);
        assertThat(server().list(user, "INBOX")).singleElement().extracting(Listed::seen).isEqualTo(true);
    }

    @Test
    void theCustomersReplyGoesToTheTimelineAStrangersToAPersonNeverToTheTimeline() throws Exception {
        String user = server().newUser();
        String customer = Mails.address("zhou");
        String caseNumber = complaintByMail(user, customer);
        String stranger = Mails.address("stranger");
        String strangerSubject = "Re: 【投诉受理】工单号 " + caseNumber;

        server().deliver(user, Mails.text(customer.toUpperCase(), "回复：【投诉受理】您的投诉已受理，工单号 " + caseNumber,
                "补充：购买凭证编号 A-778。"));
        server().deliver(user, Mails.text(stranger, strangerSubject, "本人撤回投诉，请直接结案。"));
        server().deliver(user, Mails.raw("Subject: Re: " + caseNumber + " no sender\nContent-Type: text/plain",
                "谁写的？"));

        assertThat(counts(poller(user).poll())).isEqualTo(Map.of(Outcome.REPLY, 1, Outcome.REVIEW, 2));

        assertThat(customerMessages(caseNumber)).singleElement().satisfies(entry -> {
            assertThat(entry.detail()).isEqualTo("补充：购买凭证编号 A-778。");
            assertThat(entry.actor()).isEqualTo(MailHandler.ACTOR);
        });
        MailRecord review = reviewFor(strangerSubject);
        assertThat(review.caseNumber()).isEqualTo(caseNumber);
        assertThat(review.sender()).isEqualTo(stranger);
        assertThat(review.problems()).extracting(MailRecord.ProblemView::code).containsExactly("NOT_CUSTOMER");
        assertThat(review.text()).isEqualTo("本人撤回投诉，请直接结案。");
        assertThat(reviewFor("Re: " + caseNumber + " no sender").problems())
                .extracting(MailRecord.ProblemView::code).contains("NO_SENDER", "NOT_CUSTOMER");
        assertThat(server().list(user, "INBOX")).extracting(Listed::subject).as("the complaint's and the reply's")
                .hasSize(2);
        assertThat(server().list(user, REVIEW_FOLDER)).as("moved for a person, left unseen (their to-do)")
                .extracting(Listed::subject, Listed::seen)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(strangerSubject, false),
                        org.assertj.core.groups.Tuple.tuple("Re: " + caseNumber + " no sender", false));
    }

    @Test
    void aThreadedReplyToTheAcknowledgementWithoutACaseNumberLandsOnItsComplaintsTimeline() throws Exception {
        String user = server().newUser();
        String customer = Mails.address("thread");
        String caseNumber = complaintByMail(user, customer);
        String otherCase = complaintByMail(user, Mails.address("other"));
        intake.runIntakeJobs(caseNumber);
        intake.runIntakeJobs(otherCase);
        sentMails.dispatch(caseNumber);
        sentMails.dispatch(otherCase);
        jakarta.mail.internet.MimeMessage acknowledgement = java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(customer);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).findFirst().orElseThrow();
        String acknowledgementId = acknowledgement.getMessageID();
        assertThat(acknowledgement.getSubject()).contains(caseNumber);

        server().deliver(user, Mails.raw("From: " + customer + "\nSubject: " + Mails.word("回复：您的来信")
                        + "\nIn-Reply-To: " + acknowledgementId + "\nReferences: " + acknowledgementId
                        + "\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64",
                Mails.b64("发票号码是 8812，请一并处理。", StandardCharsets.UTF_8)));

        assertThat(counts(poller(user).poll())).isEqualTo(Map.of(Outcome.REPLY, 1));
        assertThat(customerMessages(caseNumber)).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).isEqualTo("发票号码是 8812，请一并处理。"));
        assertThat(customerMessages(otherCase)).isEmpty();
        assertThat(casesOf(customer)).containsExactly(caseNumber);
    }

    @Test
    void autoRepliesStayOffTimelinesAndABounceMarksTheAddressUnreachable() throws Exception {
        String user = server().newUser();
        String customer = Mails.address("away");
        String caseNumber = complaintByMail(user, customer);
        String ack = "【投诉受理】您的投诉已受理，工单号 " + caseNumber;
        String text = "\nContent-Type: text/plain; charset=UTF-8";
        server().deliver(user, Mails.raw("From: " + customer + "\nSubject: " + Mails.word("自动回复：" + ack)
                + "\nAuto-Submitted: auto-replied" + text, "我正在休假，8 月 1 日回来。"));
        server().deliver(user, Mails.raw("From: " + customer + "\nSubject: " + Mails.word("Out of office: " + ack)
                + "\nX-Autoreply: yes" + text, "Out of office."));
        for (String precedence : List.of("bulk", "junk", "auto_reply")) {
            server().deliver(user, Mails.raw("From: " + Mails.address("news") + "\nSubject: " + precedence
                    + " mail\nPrecedence: " + precedence + text, "促销活动"));
        }
        server().deliver(user, bounce(customer, ack, "failed", "smtp; 550 5.1.1 user unknown"));
        server().deliver(user, bounce(customer, ack, "delayed", "smtp; 451 4.2.0 try later"));

        assertThat(counts(poller(user).poll())).isEqualTo(Map.of(Outcome.AUTO_REPLY, 6, Outcome.BOUNCE, 1));

        assertThat(customerMessages(caseNumber)).as("no machine speaks for the customer").isEmpty();
        assertThat(jdbc.sql("select address from mailbox_unreachable where case_number = ?").param(caseNumber)
                .query(String.class).list()).containsExactly(customer);
        assertThat(complaints.timeline(caseNumber)).filteredOn(e -> e.kind().equals("NOTE"))
                .singleElement().satisfies(note -> {
                    assertThat(note.summary()).isEqualTo("客户邮箱无法送达（退信）：" + customer);
                    assertThat(note.actor()).isEqualTo("system");
                    assertThat(note.detail()).contains("550 5.1.1");
                });
        assertThat(jdbc.sql("select count(*) from complaint where customer_email like 'news%'").query(Long.class)
                .single()).as("bulk mail files no complaint").isZero();
        assertThat(messages.recent("AUTO_REPLY", caseNumber, 10)).extracting(MailRecord::detail)
                .anySatisfy(d -> assertThat(d).startsWith("Auto-Submitted: auto-replied"))
                .anySatisfy(d -> assertThat(d).startsWith("X-Autoreply: yes"));
        assertThat(server().list(user, "INBOX")).allSatisfy(m -> assertThat(m.seen()).isTrue());
    }

    /** A delivery status notification (RFC 3464) about our acknowledgement to {@code recipient}. */
    static byte[] bounce(String recipient, String originalSubject, String action, String diagnostic) {
        return Mails.raw("From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>\nSubject: "
                        + "Undelivered Mail Returned to Sender\nAuto-Submitted: auto-replied\n"
                        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"dsn\"",
                "--dsn\nContent-Type: text/plain\n\nThis is the mail system. Your message could not be delivered.\n"
                        + "--dsn\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.customer.example\n\n"
                        + "Final-Recipient: rfc822; " + recipient + "\nAction: " + action + "\nStatus: 5.1.1\n"
                        + "Diagnostic-Code: " + diagnostic + "\n\n"
                        + "--dsn\nContent-Type: text/rfc822-headers\n\nFrom: complaints@complaintflow.local\nTo: "
                        + recipient + "\nMessage-ID: <ack." + System.nanoTime() + "@complaintflow.local>\nSubject: "
                        + Mails.word(originalSubject) + "\n\n--dsn--\n");
    }

    @Test
    void htmlOnlyMailIsTheTextAReaderSees() throws Exception {
        String user = server().newUser();
        String address = Mails.address("html");
        String html = "<!DOCTYPE html><html><head><title>标题不该出现</title><meta charset=\"utf-8\">"
                + "<style>.x { color: red }</style><script>var leaked = 1;</script></head><body>"
                + "<p>&ldquo;我买的&rdquo;电饭煲标价 &yen;399&nbsp;元，</p><div>实收 &yen;459 &amp; 运费；&#25105;要求退差价。</div>"
                + "<ul><li>订单&lt;A1&gt;</li><li>发票</li></ul><script>alert('x')</script><p>谢谢<br>王先生</p></body></html>";
        server().deliver(user, Mails.raw("From: " + address + "\nSubject: html\n"
                + "Content-Type: multipart/alternative; boundary=\"b1\"", "--b1\nContent-Type: text/html; charset=UTF-8\n"
                + "Content-Transfer-Encoding: base64\n\n" + Mails.b64(html, StandardCharsets.UTF_8) + "\n--b1--\n"));

        assertThat(counts(poller(user).poll())).isEqualTo(Map.of(Outcome.COMPLAINT, 1));

        assertThat(complaintOf(address).description()).isEqualTo(
                "“我买的”电饭煲标价 ¥399 元，\n实收 ¥459 & 运费；我要求退差价。\n• 订单<A1>\n• 发票\n谢谢\n王先生");
    }

    @Test
    void mailThatCannotBeHandledFullyIsMovedForAPersonListedAndLogged(CapturedOutput output) throws Exception {
        String user = server().newUser();
        String broken = Mails.address("boundary");
        server().deliver(user, Mails.raw("From: " + broken + "\nSubject: broken boundary\n"
                + "Content-Type: multipart/mixed; boundary=\"declared\"", "--other\nContent-Type: text/plain; "
                + "charset=UTF-8\n\n热水器打不着火，已经报修三次。\n--other--\n"));
        String truncated = Mails.address("truncated");
        server().deliver(user, Mails.raw("From: " + truncated + "\nSubject: no end boundary\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"", "--b\nContent-Type: text/plain; charset=UTF-8\n\n"
                + "电视黑屏，开机无画面。\n"));
        server().deliver(user, Mails.raw("Subject: no sender at all\nContent-Type: text/plain; charset=UTF-8",
                "没有发件人的投诉"));
        String huge = Mails.address("huge");
        server().deliver(user, Mails.raw("From: " + huge + "\nSubject: " + Mails.word("照片太大")
                        + "\nContent-Type: text/plain; charset=UTF-8",
                "很长的邮件".repeat(3_000)));
        String unreadable = Mails.address("unreadable");
        server().deliver(user, Mails.raw("From: " + unreadable + "\nSubject: unknown encoding\n"
                + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: x-proprietary", "???"));

        assertThat(counts(poller(user, Map.of("max-message-size", "20KB"), Observer.NONE).poll()))
                .isEqualTo(Map.of(Outcome.COMPLAINT, 4, Outcome.REVIEW, 1));

        assertThat(complaintOf(broken).description()).contains("热水器打不着火，已经报修三次。");
        assertThat(reviewFor("broken boundary").problems()).extracting(MailRecord.ProblemView::code)
                .containsExactly("BROKEN_MIME");
        assertThat(complaintOf(truncated).description()).isEqualTo("电视黑屏，开机无画面。");
        assertThat(reviewFor("no end boundary").detail()).contains("缺少结束边界");
        assertThat(reviewFor("no sender at all")).satisfies(r -> {
            assertThat(r.caseNumber()).isNull();
            assertThat(r.outcome()).isEqualTo("REVIEW");
            assertThat(r.text()).isEqualTo("没有发件人的投诉");
        });
        assertThat(complaintOf(huge).description()).startsWith("（邮件过大").contains("未读取");
        assertThat(complaintOf(huge).subject()).isEqualTo("照片太大");
        assertThat(reviewFor("照片太大").problems()).extracting(MailRecord.ProblemView::code)
                .containsExactly("TOO_LARGE");
        assertThat(complaintOf(unreadable).description()).contains("无法读取");
        assertThat(reviewFor("unknown encoding").problems()).extracting(MailRecord.ProblemView::code)
                .containsExactly("UNREADABLE");

        assertThat(server().list(user, "INBOX")).as("every one of them moved").isEmpty();
        assertThat(server().list(user, REVIEW_FOLDER)).hasSize(5).allSatisfy(m -> assertThat(m.seen()).isFalse());
        assertThat(output.getOut()).contains("needs a person");
        assertThat(counts(poller(user).poll())).isEmpty();
    }

    @Test
    void withoutAReviewFolderAMailForAPersonIsFlaggedWithTheKeywordAndStillListed() throws Exception {
        String user = server().newUser();
        server().deliver(user, Mails.raw("Subject: keyword only\nContent-Type: text/plain; charset=UTF-8", "无发件人"));

        assertThat(counts(poller(user, Map.of("review-folder", ""), Observer.NONE).poll()))
                .isEqualTo(Map.of(Outcome.REVIEW, 1));

        assertThat(server().list(user, "INBOX")).singleElement().satisfies(m -> {
            assertThat(m.seen()).isTrue();
            assertThat(m.keywords()).containsExactly("$NeedsPerson");
        });
        assertThat(reviewFor("keyword only").problems()).extracting(MailRecord.ProblemView::code)
                .containsExactly("NO_SENDER");
    }

    @Test
    void attachmentsAreKeptWithTheComplaintListedOnItsTimelineAndLimitedInSize() throws Exception {
        String user = server().newUser();
        String address = Mails.address("files");
        byte[] png = new byte[600];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) i;
        }
        String big = "x".repeat(3_000);
        server().deliver(user, Mails.raw("From: " + address + "\nSubject: " + Mails.word("附件投诉")
                + "\nContent-Type: multipart/mixed; boundary=\"m\"", "--m\nContent-Type: text/plain; charset=UTF-8\n\n"
                + "见附件照片与发票。\n--m\nContent-Type: image/png\nContent-Disposition: attachment; filename=\"photo.png\"\n"
                + "Content-Transfer-Encoding: base64\n\n" + java.util.Base64.getMimeEncoder().encodeToString(png)
                + "\n--m\nContent-Type: application/pdf; name=\"" + Mails.word("发票.pdf") + "\"\n"
                + "Content-Disposition: attachment; filename*=UTF-8''%E5%8F%91%E7%A5%A8.pdf\n\n" + big + "\n--m--\n"));

        assertThat(counts(poller(user, Map.of("max-attachment-size", "2KB"), Observer.NONE).poll()))
                .isEqualTo(Map.of(Outcome.COMPLAINT, 1));

        Complaint complaint = complaintOf(address);
        assertThat(complaint.description()).isEqualTo("见附件照片与发票。");
        assertThat(attachments.of(complaint.caseNumber())).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("photo.png");
            assertThat(a.contentType()).isEqualTo("image/png");
            assertThat(attachments.content(complaint.caseNumber(), a.id())).contains(png);
        });
        assertThat(complaints.timeline(complaint.caseNumber())).filteredOn(e -> e.kind().equals("NOTE"))
                .singleElement().satisfies(e -> {
                    assertThat(e.summary()).isEqualTo("客户邮件附件 2 个");
                    assertThat(e.detail()).contains("photo.png（1 KB，附件编号 ")
                            .contains("发票.pdf（3 KB）：未保存，超过 2 KB 的上限");
                });
        assertThat(reviewFor("附件投诉").problems()).extracting(MailRecord.ProblemView::code)
                .containsExactly("ATTACHMENT_NOT_KEPT");
        assertThat(server().list(user, REVIEW_FOLDER)).hasSize(1);
    }

    @Test
    void chineseEncodingsHoldAndTheSameMailTwiceIsOneComplaint() throws Exception {
        String user = server().newUser();
        String address = Mails.address("gbk");
        Charset gbk = Charset.forName("GBK");
        // 镕 and 堃 are in GBK, not in GB2312: mislabelled as gb2312, as Chinese clients often do
        byte[] raw = Mails.raw("Message-ID: <gbk." + System.nanoTime() + "@customer.example>\nFrom: "
                        + Mails.word("王镕堃", gbk) + " <" + address + ">\nSubject: " + Mails.word("退款没到账", gbk)
                        + "\nContent-Type: text/plain; charset=gb2312\nContent-Transfer-Encoding: base64",
                Mails.b64("王镕堃：退款七天没到账。", gbk));
        server().deliver(user, raw);
        assertThat(counts(poller(user).poll())).isEqualTo(Map.of(Outcome.COMPLAINT, 1));
        server().deliver(user, raw);
        assertThat(counts(poller(user).poll())).isEqualTo(Map.of(Outcome.ALREADY_HANDLED, 1));

        Complaint complaint = complaintOf(address);
        assertThat(complaint.customer().name()).isEqualTo("王镕堃");
        assertThat(complaint.subject()).isEqualTo("退款没到账");
        assertThat(complaint.description()).isEqualTo("王镕堃：退款七天没到账。");
    }

    @Test
    void twoNodesPollingOneMailboxHandleEachMailOnce() throws Exception {
        String user = server().newUser();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            addresses.add(Mails.address("pair"));
            server().deliver(user, Mails.text(addresses.get(i), "两台节点 " + i, "同一个邮箱，两台节点。"));
        }
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        Observer slow = new Observer() {
            @Override
            public void beforeCommit(ParsedMail mail) {
                holding.countDown();
                try {
                    goOn.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        MailboxPoller first = poller(user, Map.of("max-per-poll", "3"), slow);
        MailboxPoller second = poller(user, Map.of("max-per-poll", "3"), Observer.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<PollResult> firstPoll = pool.submit(first::poll);
            assertThat(holding.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(second.poll()).as("the other node skips while the lease is held")
                    .extracting(PollResult::polled).isEqualTo(false);
            goOn.countDown();
            int taken = counts(firstPoll.get(30, TimeUnit.SECONDS)).getOrDefault(Outcome.COMPLAINT, 0);
            // then both poll at once until the mailbox is empty: each poll either takes the lease or skips
            List<Future<PollResult>> polls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                polls.add(pool.submit(first::poll));
                polls.add(pool.submit(second::poll));
            }
            for (Future<PollResult> poll : polls) {
                PollResult result = poll.get(30, TimeUnit.SECONDS);
                taken += result.counts().getOrDefault(Outcome.COMPLAINT, 0);
                assertThat(result.counts()).doesNotContainKey(Outcome.ALREADY_HANDLED);
            }
            assertThat(taken).isEqualTo(6);
        } finally {
            pool.shutdownNow();
        }
        for (String address : addresses) {
            assertThat(casesOf(address)).as(address).hasSize(1);
        }
        assertThat(server().list(user, "INBOX")).hasSize(6).allSatisfy(m -> assertThat(m.seen()).isTrue());
    }
}
