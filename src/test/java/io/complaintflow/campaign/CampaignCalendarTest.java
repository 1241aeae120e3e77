package io.complaintflow.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.TestSettings;
import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.ZoneProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The configured campaign dates as instants in the business time zone, and the phase at any moment. */
class CampaignCalendarTest {

    private final CampaignCalendar calendar = new CampaignCalendar(
            new BusinessClock(TestSettings.bind(ZoneProperties.class)), TestSettings.bind(CampaignProperties.class));

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aYearsDatesAreDaysInShanghai() {
        CampaignDates d = calendar.of(2027);
        assertThat(d.start()).isEqualTo(Instant.parse("2027-02-25T01:00:00Z"));
        assertThat(d.battleStarts()).isEqualTo(Instant.parse("2027-03-10T16:00:00Z"));
        assertThat(d.mediaWatch()).isEqualTo(Instant.parse("2027-03-15T12:00:00Z"));
        assertThat(d.aftermathStarts()).isEqualTo(Instant.parse("2027-03-20T16:00:00Z"));
        assertThat(d.aftermathEnds()).as("the end of 5 April").isEqualTo(Instant.parse("2027-04-05T16:00:00Z"));
    }

    @Test
    void thePhaseFollowsTheDates() {
        CampaignDates d = calendar.of(2027);
        assertThat(d.phaseAt(Instant.parse("2027-02-25T00:59:59Z"))).isEqualTo("none");
        assertThat(d.phaseAt(Instant.parse("2027-02-25T01:00:00Z"))).isEqualTo("pre");
        assertThat(d.phaseAt(Instant.parse("2027-03-10T15:59:59Z"))).as("10 March, 23:59 in Shanghai").isEqualTo("pre");
        assertThat(d.phaseAt(Instant.parse("2027-03-10T16:00:00Z"))).isEqualTo("peak");
        assertThat(d.phaseAt(Instant.parse("2027-03-20T15:59:59Z"))).isEqualTo("peak");
        assertThat(d.phaseAt(Instant.parse("2027-03-20T16:00:00Z"))).isEqualTo("post");
        assertThat(d.phaseAt(Instant.parse("2027-04-05T15:59:59Z"))).isEqualTo("post");
        assertThat(d.phaseAt(Instant.parse("2027-04-05T16:00:00Z"))).isEqualTo("none");
    }

    @Test
    void theYearlyTimerStartsOnTheNextStartDate() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-22T08:00:00Z")));
        assertThat(calendar.getStartCycle()).isEqualTo("R/2027-02-25T09:00:00+08:00/P1Y");
        assertThat(calendar.currentYear()).isEqualTo(2027);
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-03-01T00:00:00Z")));
        assertThat(calendar.getStartCycle()).as("this year's start has passed").isEqualTo("R/2028-02-25T09:00:00+08:00/P1Y");
        assertThat(calendar.currentYear()).as("this year's campaign is still on").isEqualTo(2027);
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-04-06T00:00:00Z")));
        assertThat(calendar.currentYear()).isEqualTo(2028);
    }

    @Test
    void datesOutOfOrderAreRefusedAtStartUp() {
        assertThatThrownBy(() -> new CampaignCalendar(
                new BusinessClock(TestSettings.bind(ZoneProperties.class)),
                TestSettings.bind(CampaignProperties.class, "complaintflow.campaign.start=03-12"))).isInstanceOf(IllegalStateException.class);
    }
}
