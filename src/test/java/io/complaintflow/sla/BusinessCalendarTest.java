package io.complaintflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deadlines on the shipped 2026 calendar (src/main/resources/calendar/cn-holidays-2026.yaml), 09:00–12:00 and 13:30–18:00, Monday to
 * Friday, Asia/Shanghai. Times in the tests are Shanghai wall-clock times unless written with a Z.
 */
class BusinessCalendarTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final HolidaySchedule SHIPPED = new HolidayFiles(Path.of("no-operator-folder"), HolidayFiles.shipped()).load();
    static final BusinessCalendar CALENDAR = new BusinessCalendar(SHANGHAI,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), WorkingPeriod.parse("09:00-12:00,13:30-18:00"),
            SHIPPED.holidays().keySet(), SHIPPED.makeupWorkdays());

    static Instant at(String shanghaiLocalTime) {
        return LocalDateTime.parse(shanghaiLocalTime).atZone(SHANGHAI).toInstant();
    }

    static Instant deadline(String start, String spec) {
        return CALENDAR.plus(at(start), DeadlineDuration.parse(spec));
    }

    @Nested
    class WorkingDaysOfTheYear {

        @ParameterizedTest(name = "{0} {1} -> {2}")
        @CsvSource({
                "2026-03-16, ordinary Monday,       true",
                "2026-03-21, ordinary Saturday,     false",
                "2026-03-22, ordinary Sunday,       false",
                "2026-01-01, 元旦 (Thursday),        false",
                "2026-01-04, make-up Sunday,        true",
                "2026-02-14, make-up Saturday,      true",
                "2026-02-23, 春节 (Monday),          false",
                "2026-02-28, make-up Saturday,      true",
                "2026-05-05, 劳动节 (Tuesday),       false",
                "2026-05-09, make-up Saturday,      true",
                "2026-09-20, make-up Sunday,        true",
                "2026-09-25, 中秋节 (Friday),        false",
                "2026-10-01, 国庆节 (Thursday),      false",
                "2026-10-07, 国庆节 (Wednesday),     false",
                "2026-10-08, first day after 国庆节, true",
                "2026-10-10, make-up Saturday,      true",
                "2026-10-11, ordinary Sunday,       false"})
        void followsTheStateCouncilSchedule(LocalDate day, String what, boolean working) {
            assertThat(CALENDAR.isWorkingDay(day)).as(what).isEqualTo(working);
        }

        @Test
        void theShippedFileHasEveryHolidayDayAndMakeUpDay() {
            assertThat(SHIPPED.years()).containsExactly(2026);
            assertThat(SHIPPED.holidays()).hasSize(3 + 9 + 3 + 5 + 3 + 3 + 7)
                    .containsEntry(LocalDate.parse("2026-02-15"), "春节")
                    .containsEntry(LocalDate.parse("2026-10-07"), "国庆节");
            assertThat(SHIPPED.makeupWorkdays()).extracting(LocalDate::toString).containsExactly(
                    "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
        }
    }

    @Nested
    class WorkingTime {

        @Test
        void duringHoursCountsFromTheStart() {
            assertThat(deadline("2026-03-16T09:00", "PT2H")).isEqualTo(at("2026-03-16T11:00"));
        }

        @Test
        void afterHoursCountsFromTheNextMorning() {
            assertThat(deadline("2026-03-16T19:00", "PT4H")).isEqualTo(at("2026-03-17T14:30"));
            assertThat(deadline("2026-03-17T06:00", "PT4H")).isEqualTo(at("2026-03-17T14:30"));
        }

        @Test
        void fridayEveningRunsOverTheWeekend() {
            assertThat(deadline("2026-03-20T17:00", "PT4H")).isEqualTo(at("2026-03-23T12:00"));
            assertThat(deadline("2026-03-20T20:00", "PT4H")).isEqualTo(at("2026-03-23T14:30"));
            assertThat(deadline("2026-03-21T10:00", "PT30M")).isEqualTo(at("2026-03-23T09:30"));
        }

        @Test
        void skipsTheLunchBreak() {
            assertThat(deadline("2026-03-16T11:00", "PT2H")).isEqualTo(at("2026-03-16T14:30"));
            assertThat(deadline("2026-03-16T12:30", "PT1H")).as("arrives during lunch").isEqualTo(at("2026-03-16T14:30"));
            assertThat(deadline("2026-03-16T11:00", "PT1H")).as("uses up the morning exactly")
                    .isEqualTo(at("2026-03-16T12:00"));
        }

        @Test
        void aComplaintOnAHolidayWaitsForTheHolidayToEnd() {
            assertThat(deadline("2026-10-02T10:00", "PT4H")).isEqualTo(at("2026-10-08T14:30"));
            assertThat(deadline("2026-09-30T17:00", "PT4H")).as("eve of 国庆节").isEqualTo(at("2026-10-08T12:00"));
            assertThat(deadline("2026-10-09T17:00", "PT4H")).as("into make-up Saturday 10-10")
                    .isEqualTo(at("2026-10-10T12:00"));
        }

        @Test
        void makeUpSaturdaysAreWorked() {
            assertThat(deadline("2026-02-14T10:00", "PT4H")).isEqualTo(at("2026-02-14T15:30"));
            assertThat(deadline("2026-02-27T17:00", "PT4H")).isEqualTo(at("2026-02-28T12:00"));
            assertThat(deadline("2026-05-08T17:00", "PT4H")).isEqualTo(at("2026-05-09T12:00"));
            assertThat(deadline("2026-02-14T17:00", "PT4H")).as("then 春节 until 02-23")
                    .isEqualTo(at("2026-02-24T12:00"));
        }

        @Test
        void makeUpSundaysAreWorked() {
            assertThat(deadline("2025-12-31T17:00", "PT4H")).as("over 元旦").isEqualTo(at("2026-01-04T12:00"));
            assertThat(deadline("2026-01-03T12:00", "PT30M")).isEqualTo(at("2026-01-04T09:30"));
            assertThat(deadline("2026-09-18T17:00", "PT4H")).isEqualTo(at("2026-09-20T12:00"));
        }

        @Test
        void longDurationsSpanManyDays() {
            // 24 working hours from Monday 10:00: 6.5 h Monday, 7.5 h Tuesday and Wednesday, 2.5 h Thursday
            assertThat(deadline("2026-03-16T10:00", "PT24H")).isEqualTo(at("2026-03-19T11:30"));
        }
    }

    @Nested
    class WorkingDays {

        @Test
        void oneWorkingDayIsTheCloseOfTheNextWorkingDayNot24WorkingHours() {
            assertThat(deadline("2026-03-16T10:00", "P1D")).isEqualTo(at("2026-03-17T18:00"))
                    .isEqualTo(Instant.parse("2026-03-17T10:00:00Z"))
                    .isNotEqualTo(deadline("2026-03-16T10:00", "PT24H"));
        }

        @Test
        void theReceiptDayIsNeverCountedWhateverTheHour() {
            assertThat(deadline("2026-03-16T00:30", "P1D")).isEqualTo(at("2026-03-17T18:00"));
            assertThat(deadline("2026-03-16T17:59", "P1D")).isEqualTo(at("2026-03-17T18:00"));
            assertThat(deadline("2026-03-16T23:00", "P1D")).isEqualTo(at("2026-03-17T18:00"));
        }

        @Test
        void fridayEveningAndSaturdayCountFromMonday() {
            assertThat(deadline("2026-03-20T20:00", "P1D")).isEqualTo(at("2026-03-23T18:00"));
            assertThat(deadline("2026-03-21T10:00", "P1D")).isEqualTo(at("2026-03-23T18:00"));
            assertThat(deadline("2026-03-20T10:00", "P5D")).isEqualTo(at("2026-03-27T18:00"));
        }

        @Test
        void aHolidayIsSkippedAndTheMakeUpSaturdayCounts() {
            assertThat(deadline("2026-10-02T10:00", "P1D")).isEqualTo(at("2026-10-08T18:00"));
            assertThat(deadline("2026-10-02T10:00", "P3D")).as("10-08, 10-09, make-up 10-10")
                    .isEqualTo(at("2026-10-10T18:00"));
            assertThat(deadline("2026-09-30T10:00", "P5D")).as("10-08, 10-09, 10-10, 10-12, 10-13")
                    .isEqualTo(at("2026-10-13T18:00"));
        }

        @Test
        void makeUpDaysCountAsWorkingDays() {
            assertThat(deadline("2026-02-13T10:00", "P1D")).isEqualTo(at("2026-02-14T18:00"));
            assertThat(deadline("2026-02-14T10:00", "P1D")).as("received on the make-up Saturday, then 春节")
                    .isEqualTo(at("2026-02-24T18:00"));
            assertThat(deadline("2026-04-30T10:00", "P4D")).as("05-06, 05-07, 05-08, make-up 05-09")
                    .isEqualTo(at("2026-05-09T18:00"));
            assertThat(deadline("2026-01-03T12:00", "P1D")).as("make-up Sunday").isEqualTo(at("2026-01-04T18:00"));
            assertThat(deadline("2026-09-19T12:00", "P1D")).as("make-up Sunday").isEqualTo(at("2026-09-20T18:00"));
        }
    }

    @Nested
    class CalendarDays {

        @Test
        void theLastDayIsReceiptDayPlusN() {
            assertThat(deadline("2026-03-16T10:00", "cal:P15D")).isEqualTo(at("2026-03-31T18:00"));
        }

        @Test
        void aLastDayOnAHolidayMovesToTheNextWorkingDay() {
            assertThat(deadline("2026-09-16T10:00", "cal:P15D")).as("10-01 国庆节 -> 10-08")
                    .isEqualTo(at("2026-10-08T18:00")).isEqualTo(Instant.parse("2026-10-08T10:00:00Z"));
            assertThat(deadline("2026-04-20T10:00", "cal:P15D")).as("05-05 劳动节 -> 05-06")
                    .isEqualTo(at("2026-05-06T18:00"));
        }

        @Test
        void aLastDayOnAWeekendMovesToMondayUnlessItIsAMakeUpDay() {
            assertThat(deadline("2026-03-06T10:00", "cal:P15D")).isEqualTo(at("2026-03-23T18:00"));
            assertThat(deadline("2026-09-25T10:00", "cal:P15D")).as("10-10 is a make-up Saturday")
                    .isEqualTo(at("2026-10-10T18:00"));
        }

        @Test
        void holidaysInsideThePeriodCount() {
            assertThat(deadline("2026-09-30T10:00", "cal:P10D")).as("10-10, make-up Saturday")
                    .isEqualTo(at("2026-10-10T18:00"));
        }
    }

    @Nested
    class Elapsed {

        @Test
        void isWallClockDayAndNight() {
            assertThat(deadline("2026-10-01T23:50", "elapsed:PT30M")).isEqualTo(at("2026-10-02T00:20"));
            assertThat(deadline("2026-03-21T03:00", "elapsed:P1D")).isEqualTo(at("2026-03-22T03:00"));
        }
    }

    @Nested
    class AcrossTheTimeZoneBoundary {

        @Test
        void aComplaintAtHalfPastMidnightShanghaiBelongsToThatShanghaiDay() {
            Instant received = Instant.parse("2026-03-15T16:30:00Z"); // Monday 2026-03-16 00:30 in Shanghai
            assertThat(CALENDAR.dayOf(received)).isEqualTo(LocalDate.parse("2026-03-16"));
            assertThat(CALENDAR.plus(received, DeadlineDuration.parse("P1D")))
                    .isEqualTo(Instant.parse("2026-03-17T10:00:00Z"));
            assertThat(CALENDAR.plus(received, DeadlineDuration.parse("PT4H")))
                    .isEqualTo(Instant.parse("2026-03-16T06:30:00Z"));
            assertThat(CALENDAR.plus(received, DeadlineDuration.parse("cal:P15D")))
                    .isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));
        }

        @Test
        void oneSecondBeforeShanghaiMidnightIsStillTheEarlierDay() {
            assertThat(CALENDAR.plus(Instant.parse("2026-03-16T15:59:59Z"), DeadlineDuration.parse("P1D")))
                    .isEqualTo(Instant.parse("2026-03-17T10:00:00Z"));
            assertThat(CALENDAR.plus(Instant.parse("2026-03-16T16:00:00Z"), DeadlineDuration.parse("P1D")))
                    .isEqualTo(Instant.parse("2026-03-18T10:00:00Z"));
        }

        @Test
        void aComplaintArrivingAtMidnightOnTheFirstDayOfAHoliday() {
            Instant received = Instant.parse("2026-09-30T16:00:00Z"); // 2026-10-01 00:00 in Shanghai
            assertThat(CALENDAR.plus(received, DeadlineDuration.parse("PT4H"))).isEqualTo(at("2026-10-08T14:30"));
            assertThat(CALENDAR.plus(received, DeadlineDuration.parse("P1D"))).isEqualTo(at("2026-10-08T18:00"));
        }
    }

    @Nested
    class Fractions {

        @Test
        void workingTimeWarnsAtEightyPercentOfItsWorkingTime() {
            DeadlineDuration fourHours = DeadlineDuration.parse("PT4H");
            assertThat(CALENDAR.plusFraction(at("2026-03-16T09:00"), fourHours, 0.8)).as("3 h 12 min")
                    .isEqualTo(at("2026-03-16T13:42"));
            assertThat(CALENDAR.plusFraction(at("2026-03-16T09:00"), fourHours, 1.5)).as("6 h")
                    .isEqualTo(at("2026-03-16T16:30"));
            assertThat(CALENDAR.plusFraction(at("2026-03-20T17:00"), fourHours, 1.5)).as("6 h over the weekend")
                    .isEqualTo(at("2026-03-23T15:30"));
        }

        @Test
        void workingDaysAreMeasuredInTheWorkingTimeUpToTheDeadline() {
            DeadlineDuration oneDay = DeadlineDuration.parse("P1D");
            Instant received = at("2026-03-16T10:00"); // 6.5 h Monday + 7.5 h Tuesday = 14 h to the deadline
            assertThat(CALENDAR.plusFraction(received, oneDay, 0.8)).as("11 h 12 min")
                    .isEqualTo(at("2026-03-17T15:12"));
            assertThat(CALENDAR.plusFraction(received, oneDay, 1.5)).as("21 h")
                    .isEqualTo(at("2026-03-18T17:30"));
            assertThat(CALENDAR.plusFraction(at("2026-09-30T17:00"), DeadlineDuration.parse("P3D"), 0.8))
                    .as("1 h + 7.5 h + 7.5 h + 7.5 h = 23.5 h; 80% = 18 h 48 min, over 国庆节")
                    .isEqualTo(at("2026-10-10T11:48"));
        }

        @Test
        void elapsedAndCalendarDaysAreMeasuredOnTheWallClock() {
            assertThat(CALENDAR.plusFraction(at("2026-03-21T03:00"), DeadlineDuration.parse("elapsed:PT30M"), 0.8))
                    .isEqualTo(at("2026-03-21T03:24"));
            assertThat(CALENDAR.plusFraction(at("2026-03-21T03:00"), DeadlineDuration.parse("elapsed:PT30M"), 1.5))
                    .isEqualTo(at("2026-03-21T03:45"));
            // 2026-03-16 10:00 -> 03-31 18:00 is 15 d 8 h = 368 h; 80% = 294 h 24 min
            assertThat(CALENDAR.plusFraction(at("2026-03-16T10:00"), DeadlineDuration.parse("cal:P15D"), 0.8))
                    .isEqualTo(at("2026-03-28T16:24"));
        }

        @Test
        void oneIsTheDeadlineAndZeroTheStart() {
            for (String spec : List.of("PT4H", "P1D", "P5D", "cal:P15D", "elapsed:PT30M")) {
                DeadlineDuration duration = DeadlineDuration.parse(spec);
                assertThat(CALENDAR.plusFraction(at("2026-09-30T17:00"), duration, 1.0)).as(spec)
                        .isEqualTo(CALENDAR.plus(at("2026-09-30T17:00"), duration));
                assertThat(CALENDAR.plusFraction(at("2026-09-30T17:00"), duration, 0)).as(spec)
                        .isEqualTo(at("2026-09-30T17:00"));
            }
        }

        @Test
        void negativeOrNonFiniteFractionsAreRejected() {
            DeadlineDuration duration = DeadlineDuration.parse("PT4H");
            assertThatThrownBy(() -> CALENDAR.plusFraction(at("2026-03-16T09:00"), duration, -0.1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CALENDAR.plusFraction(at("2026-03-16T09:00"), duration, Double.NaN))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Pauses {

        @Test
        void workingTimeBetweenSkipsNightsWeekendsAndLunch() {
            assertThat(CALENDAR.workingTimeBetween(at("2026-03-16T11:00"), at("2026-03-16T14:00")))
                    .isEqualTo(Duration.ofMinutes(90));
            assertThat(CALENDAR.workingTimeBetween(at("2026-03-20T17:00"), at("2026-03-23T10:00")))
                    .as("Friday 17:00 to Monday 10:00").isEqualTo(Duration.ofHours(2));
            assertThat(CALENDAR.workingTimeBetween(at("2026-03-21T08:00"), at("2026-03-22T20:00")))
                    .as("a weekend").isZero();
        }

        @Test
        void workingTimeBetweenSkipsHolidaysAndCountsMakeUpDays() {
            assertThat(CALENDAR.workingTimeBetween(at("2026-09-30T17:00"), at("2026-10-08T10:00")))
                    .as("over 国庆节").isEqualTo(Duration.ofHours(2));
            assertThat(CALENDAR.workingTimeBetween(at("2026-09-30T17:00"), at("2026-10-12T09:00")))
                    .as("1 h + 10-08, 10-09 and make-up 10-10").isEqualTo(Duration.ofMinutes(23 * 60 + 30));
            assertThat(CALENDAR.workingTimeBetween(at("2026-10-10T10:00"), at("2026-10-10T10:00"))).isZero();
        }

        @Test
        void aPausedDeadlineMovesByThePausedWorkingTime() {
            Instant start = at("2026-09-29T10:00");
            Instant deadline = CALENDAR.plus(start, DeadlineDuration.parse("PT16H")); // 09-29 6.5 h, 09-30 7.5 h, 10-08 2 h
            assertThat(deadline).isEqualTo(at("2026-10-08T11:00"));

            Instant paused = at("2026-09-30T09:00");  // waiting for the customer over 国庆节
            Instant resumed = at("2026-10-08T10:00");
            Duration lost = CALENDAR.workingTimeBetween(paused, resumed);
            assertThat(lost).as("09-30 7.5 h + 10-08 1 h").isEqualTo(Duration.ofMinutes(8 * 60 + 30));
            Instant moved = CALENDAR.plusWorkingTime(deadline, lost);
            assertThat(moved).isEqualTo(at("2026-10-09T12:00"));
            Duration leftWhenPaused = CALENDAR.workingTimeBetween(paused, deadline);
            assertThat(CALENDAR.plusWorkingTime(resumed, leftWhenPaused)).isEqualTo(moved);
        }

        @Test
        void addingWorkingTimeFromOutsideHoursStartsAtTheNextPeriod() {
            assertThat(CALENDAR.plusWorkingTime(at("2026-10-03T12:00"), Duration.ofMinutes(1)))
                    .isEqualTo(at("2026-10-08T09:01"));
            assertThat(CALENDAR.plusWorkingTime(at("2026-10-03T12:00"), Duration.ZERO))
                    .isEqualTo(at("2026-10-03T12:00"));
            assertThatThrownBy(() -> CALENDAR.plusWorkingTime(at("2026-10-03T12:00"), Duration.ofHours(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CALENDAR.workingTimeBetween(at("2026-10-03T12:00"), at("2026-10-03T11:00")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Construction {

        @Test
        void rejectsADayThatIsBothHolidayAndMakeUpDay() {
            LocalDate day = LocalDate.parse("2026-10-10");
            assertThatThrownBy(() -> new BusinessCalendar(SHANGHAI, EnumSet.of(DayOfWeek.MONDAY),
                    WorkingPeriod.parse("09:00-18:00"), Set.of(day), Set.of(day)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-10-10");
        }

        @Test
        void rejectsACalendarWithoutWorkingDaysOrPeriods() {
            assertThatThrownBy(() -> new BusinessCalendar(SHANGHAI, Set.of(), WorkingPeriod.parse("09:00-18:00"),
                    Set.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new BusinessCalendar(SHANGHAI, EnumSet.of(DayOfWeek.MONDAY), List.of(),
                    Set.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void periodsMayBeGivenInAnyOrder() {
            BusinessCalendar calendar = new BusinessCalendar(SHANGHAI, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                    List.of(new WorkingPeriod(LocalTime.of(13, 30), LocalTime.of(18, 0)),
                            new WorkingPeriod(LocalTime.of(9, 0), LocalTime.of(12, 0))),
                    Set.of(), Set.of());
            assertThat(calendar.plus(at("2026-03-20T17:00"), DeadlineDuration.parse("PT4H")))
                    .isEqualTo(at("2026-03-23T12:00"));
            assertThat(calendar.closeOfBusiness(LocalDate.parse("2026-03-20"))).isEqualTo(at("2026-03-20T18:00"));
        }
    }
}
