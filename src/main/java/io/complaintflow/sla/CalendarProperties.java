package io.complaintflow.sla;

import static io.complaintflow.config.SettingFormats.MONTH_DAY;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.calendar.*}: the business calendar of deadlines (docs/calendar.md), and how the calendar
 * package watches for years without holiday data.
 *
 * @param zone           time zone of working hours and days; none: {@code complaintflow.zone}
 * @param workingPeriods working periods of every working day, {@code HH:mm-HH:mm}, comma-separated
 * @param workingDays    working weekdays, comma-separated, any case; holidays and make-up working days (调休) come
 *                       from the holiday files
 * @param holidaysDir    the operator's folder of yearly holiday files ({@code *.yaml}), relative to the working
 *                       directory: adds years to the shipped ones or replaces one; may be missing; a bad file stops
 *                       start-up
 * @param horizon        how far ahead health component {@code businessCalendar} looks for years without holiday data
 *                       (besides running deadlines)
 * @param noticeFrom     from this day ({@code MM-dd}) of the year before, a missing year is a dashboard banner and a
 *                       mail to {@code process-owners}
 * @param noticeCheck    how often a node looks for missing years to announce (once per year, whichever node is first)
 * @param noticeEnabled  this node looks at all (tests announce themselves)
 */
@Validated
@ConfigurationProperties("complaintflow.calendar")
public record CalendarProperties(
        ZoneId zone,
        @DefaultValue("09:00-12:00,13:30-18:00") @NotBlank String workingPeriods,
        @DefaultValue("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY") @NotBlank String workingDays,
        @DefaultValue("calendar") @NotNull Path holidaysDir,
        @DefaultValue("P90D") @Positive Period horizon,
        @DefaultValue("11-01") @Pattern(regexp = MONTH_DAY) String noticeFrom,
        @DefaultValue("PT6H") @Positive Duration noticeCheck,
        @DefaultValue("true") boolean noticeEnabled) {
}
