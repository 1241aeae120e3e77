package io.complaintflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.ComplaintFlowTest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ComplaintFlowTest
class CalendarConfigurationTest {

    @Autowired BusinessCalendar calendar;

    @Test
    void theApplicationCalendarUsesTheShipped2026HolidaysAndTheDefaults() {
        assertThat(calendar.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(calendar.periods()).isEqualTo(WorkingPeriod.parse("09:00-12:00,13:30-18:00"));
        assertThat(calendar.workingWeekdays()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-01"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
        assertThat(calendar.plus(Instant.parse("2026-09-16T02:00:00Z"), DeadlineDuration.parse("cal:P15D")))
                .isEqualTo(Instant.parse("2026-10-08T10:00:00Z"));
    }

    @Test
    void workingDaysAreReadCaseInsensitivelyAndUnknownNamesFail() {
        assertThat(CalendarConfiguration.parseWeekdays("monday, Saturday")).containsExactly(DayOfWeek.MONDAY,
                DayOfWeek.SATURDAY);
        assertThatThrownBy(() -> CalendarConfiguration.parseWeekdays("MONDAY,FUNDAY"))
                .hasMessageContaining("'FUNDAY'");
        assertThatThrownBy(() -> CalendarConfiguration.parseWeekdays(" , "))
                .hasMessageContaining("names no weekday");
    }
}
