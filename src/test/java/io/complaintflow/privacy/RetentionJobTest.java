package io.complaintflow.privacy;

import static io.complaintflow.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.complaint.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The nightly retention run: closed complaints past their retention lose their personal data — three years by
 * default, five for complaints the financial regulator forwarded — and a day's run happens once.
 */
@ComplaintFlowTest
class RetentionJobTest {

    @Autowired RetentionJob job;
    @Autowired TestScenarios scenarios;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    /**
     * A complaint resolved at intake and accepted, closed this many days ago; {@code regulator}: as if that regulator
     * had forwarded it (the record's channel and regulator, which is all retention looks at).
     */
    private String closedDaysAgo(PrivacyScenarios customer, String regulator, long days) {
        String caseNumber = scenarios.file(new io.complaintflow.intake.ComplaintRequest("hotline", null, null, null,
                customer.complaint().customer(), "billing", TestScenarios.uniqueProduct(), "咨询", "客户来电咨询",
                null, null, true, "已当场解答"));
        scenarios.accept(caseNumber);
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.CLOSED);
        jdbc.sql("update complaint set closed_at = ?, channel = ?, regulator = ? where case_number = ?")
                .params(Timestamps.odt(Instant.now().minus(days, ChronoUnit.DAYS)),
                        regulator == null ? "hotline" : "regulator", regulator, caseNumber).update();
        return caseNumber;
    }

    private static LocalDate someDay() {
        return LocalDate.of(2200, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(100_000));
    }

    @Test
    void closedComplaintsPastTheirRetentionAreAnonymisedOnce() throws Exception {
        PrivacyScenarios old = PrivacyScenarios.newCustomer();
        PrivacyScenarios recent = PrivacyScenarios.newCustomer();
        PrivacyScenarios regulated = PrivacyScenarios.newCustomer();
        PrivacyScenarios regulatedLongAgo = PrivacyScenarios.newCustomer();
        String fourYears = closedDaysAgo(old, null, 4 * 366);
        String twoYears = closedDaysAgo(recent, null, 2 * 365);
        String nfraFourYears = closedDaysAgo(regulated, "nfra", 4 * 366);
        String nfraSixYears = closedDaysAgo(regulatedLongAgo, "nfra", 6 * 366);
        LocalDate day = someDay();

        RetentionJob.Run run = job.run(day, "node-1");

        assertThat(run.ran()).isTrue();
        assertThat(run.anonymised()).contains(fourYears, nfraSixYears).doesNotContain(twoYears, nfraFourYears);
        assertThat(scenarios.complaint(fourYears).customer().phone()).isNull();
        assertThat(scenarios.complaint(nfraSixYears).customer().name()).isEqualTo("[已删除]");
        assertThat(scenarios.complaint(twoYears).customer().phone()).isEqualTo(recent.phone());
        assertThat(scenarios.complaint(nfraFourYears).customer().phone()).isEqualTo(regulated.phone());
        assertThat(jdbc.sql("select reason || ' ' || erased_by from privacy_erasure where case_number = ?")
                .param(fourYears).query(String.class).single()).isEqualTo("RETENTION retention-job");

        assertThat(job.run(day, "node-2").ran()).as("the day's run is claimed").isFalse();
        assertThat(job.run(someDay(), "node-1").anonymised()).as("nothing is anonymised twice")
                .doesNotContain(fourYears, nfraSixYears);

        mvc.perform(get("/api/privacy/retention-runs").with(as("privacy")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.day == '" + day + "')].node").value("node-1"))
                .andExpect(jsonPath("$[?(@.day == '" + day + "')].report")
                        .value(org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString(fourYears))));
    }
}
