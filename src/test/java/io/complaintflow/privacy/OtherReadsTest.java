package io.complaintflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.complaint.Category;
import io.complaintflow.complaint.Grade;
import io.complaintflow.mailbox.MailRecord;
import io.complaintflow.mass.MassIncident;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The mailbox's and mass incidents' reads follow the one policy of {@link PersonalData}: with the full view narrowed to
 * managers (an operator's {@code complaintflow.privacy.full-view-groups}), the complaint center reads senders, texts and
 * answers masked — and every read is logged either way.
 */
class OtherReadsTest {

    private final List<String> logged = new ArrayList<>();
    private final AccessLog log = new AccessLog(null, null) {
        @Override
        public void record(String user, List<String> caseNumbers, Door door, String what) {
            caseNumbers.forEach(c -> logged.add(user + " " + c + " " + door + " " + what));
        }
    };
    private final OtherReads managersOnly = new OtherReads(new PersonalData(new PrivacySettings(
            List.of("complaint-managers"), new PrivacySettings.Retention(Period.ofYears(3), null, null), null,
            new PrivacySettings.RetentionJob(true, "0 0 2 * * *", 500), Duration.ofMinutes(1))), log, null, null);

    private final MailRecord mail = new MailRecord(7, "inbox", Instant.now(), Instant.now(), "node", "li.na@example.com",
            "Re: CMP-20261203-000001 我是她丈夫 13812345678", 100, "REVIEW", List.of(), "发件人不是客户",
            "CMP-20261203-000001", "我的电话 13812345678，住北京市朝阳区建国路88号3栋201室", "OPEN", null, null, null);
    private final MassIncident incident = new MassIncident(3, Category.DELIVERY, "快递", "OPEN", Grade.G3, Instant.now(),
            "请联系 13912345678 登记", null, "center", Instant.now(), List.of("CMP-1", "CMP-2"));

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    private Object readAs(String user, String group, Object body) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, null, group));
        return managersOnly.beforeBodyWrite(body, null, null, null, null, null);
    }

    @Test
    void aGroupOutsideTheFullViewReadsMailsAndIncidentsMasked() {
        MailRecord seen = (MailRecord) readAs("center", "complaint-center", mail);
        assertThat(seen.sender()).isEqualTo("l***@example.com");
        assertThat(seen.subject()).contains("138****5678").doesNotContain("13812345678");
        assertThat(seen.text()).contains("138****5678", "[地址已隐藏]").doesNotContain("13812345678", "建国路88号");
        assertThat(seen.caseNumber()).isEqualTo("CMP-20261203-000001");
        MassIncident read = (MassIncident) readAs("center", "complaint-center", incident);
        assertThat(read.answer()).isEqualTo("请联系 139****5678 登记");
        assertThat(read.members()).containsExactly("CMP-1", "CMP-2");
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) readAs("center", "complaint-center", List.of(mail));
        assertThat(((MailRecord) list.get(0)).text()).doesNotContain("13812345678");

        assertThat(logged).containsExactly(
                "center CMP-20261203-000001 MAILBOX mail 7 (sender, subject, text), personal data masked",
                "center CMP-1 MASS_INCIDENT mass incident MI-3, personal data masked",
                "center CMP-2 MASS_INCIDENT mass incident MI-3, personal data masked",
                "center CMP-20261203-000001 MAILBOX mail 7 (sender, subject, text), personal data masked");
    }

    @Test
    void aGroupInTheFullViewReadsThemAsTheyAreAndIsLoggedToo() {
        assertThat(readAs("manager", "complaint-managers", mail)).isSameAs(mail);
        assertThat(readAs("manager", "complaint-managers", incident)).isSameAs(incident);
        assertThat(logged).hasSize(3).allMatch(l -> l.endsWith("personal data in full"));
    }
}
