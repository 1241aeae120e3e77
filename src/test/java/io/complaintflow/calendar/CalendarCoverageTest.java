package io.complaintflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.HttpSession;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.ReadinessScenarios;
import io.complaintflow.TestScenarios;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Only 2026's holidays ship. On 3 December 2026 the next 90 days reach 2027: the health component names 2027 as
 * missing without taking the node out of readiness, the dashboard's banner says so, and the process owners get one
 * mail about it — one, however often and on however many nodes it is checked.
 */
@ComplaintFlowTest
class CalendarCoverageTest {

    @Autowired CalendarCoverage coverage;
    @Autowired CalendarNotices notices;
    @Autowired ReadinessScenarios readiness;
    @Autowired TestScenarios scenarios;
    @LocalServerPort int port;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void inMidOctoberNextYearIsMissingButNotYetAnnounced() {
        ReadinessScenarios.now("2026-10-15T02:00:00Z");
        Coverage c = coverage.current();
        assertThat(c.coveredYears()).containsExactly(2026);
        assertThat(c.horizon()).hasToString("2027-01-13");
        assertThat(c.missingYears()).contains(2027);
        assertThat(c.announcedYears()).doesNotContain(2027);
    }

    @Test
    void aRunningDeadlineInALaterYearMakesEveryYearUpToItMissing() {
        ReadinessScenarios.now("2031-12-30T02:00:00Z"); // a resolution deadline of P5D ends in January 2032
        scenarios.routine("delivery");
        ReadinessScenarios.now("2026-06-01T02:00:00Z");
        Coverage c = coverage.current();
        assertThat(c.latestDeadline()).isAfter(Instant.parse("2032-01-01T00:00:00Z"));
        assertThat(c.missingYears()).contains(2027, 2028, 2029, 2030, 2031, 2032).doesNotContain(2026);
        assertThat(c.announcedYears()).doesNotContain(2028, 2032);
    }

    @Test
    void fromNovemberTheHealthComponentTheBannerAndOneMailSayThatNextYearIsMissing() throws Exception {
        readiness.person("calendar-owner", "process-owners");
        scenarios.person("calendar-admin", "admin-secret", "camunda-admin");
        ReadinessScenarios.now("2026-12-03T02:00:00Z");

        HttpSession admin = new HttpSession(port).basic("calendar-admin", "admin-secret");
        JsonNode health = json(admin.get("/actuator/health").body());
        JsonNode calendar = health.at("/components/businessCalendar");
        assertThat(calendar.get("status").asText()).isEqualTo("UP");
        assertThat(calendar.at("/details/coveredYears").toString()).isEqualTo("[2026]");
        assertThat(calendar.at("/details/missingYears").toString()).contains("2027");
        assertThat(calendar.at("/details/action").asText()).contains("cn-holidays-<year>.yaml");
        assertThat(new HttpSession(port).get("/actuator/health/readiness").statusCode())
                .as("a missing year keeps the node in service").isEqualTo(200);
        assertThat(new HttpSession(port).get("/actuator/health").body()).as("details for administrators only")
                .doesNotContain("coveredYears");

        JsonNode banner = json(admin.get("/api/operations/notices").body());
        assertThat(banner.findValuesAsText("kind")).contains("calendar");
        assertThat(banner.toString()).contains("2027");
        assertThat(banner.toString()).as("business words for whoever reads the dashboard, no file path")
                .doesNotContain("yaml").doesNotContain("/");

        List<Integer> first = notices.announceMissingYears();
        assertThat(first).contains(2027);
        assertThat(notices.announceMissingYears()).as("told once per year").isEmpty();
        readiness.sendMails("CALENDAR-2027");
        List<MimeMessage> mails = readiness.mailsTo("calendar-owner");
        assertThat(mails).extracting(ReadinessScenarios::subject).filteredOn(s -> s.contains("2027")).hasSize(1);
    }

    private static JsonNode json(String body) throws Exception {
        return new ObjectMapper().readTree(body);
    }
}
