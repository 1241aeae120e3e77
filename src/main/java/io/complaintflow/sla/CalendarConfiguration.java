package io.complaintflow.sla;

import io.complaintflow.complaint.ZoneProperties;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link BusinessCalendar} from {@code complaintflow.calendar.*} and the holiday folder. */
@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarConfiguration.class);

    /** The shipped holiday years, with the operator's folder adding or replacing years. */
    @Bean
    public HolidaySchedule holidaySchedule(CalendarProperties settings) {
        HolidayFiles files = HolidayFiles.withShipped(settings.holidaysDir());
        HolidaySchedule schedule = files.load();
        LOG.info("Holiday data for {} from {}{}{}", schedule.years(), schedule.files(),
                schedule.replacedYears().isEmpty() ? "" : " (shipped " + schedule.replacedYears() + " replaced by "
                        + files.dir() + ")",
                java.nio.file.Files.isDirectory(files.dir()) ? "" : " (no folder " + files.dir() + ")");
        return schedule;
    }

    @Bean
    public BusinessCalendar businessCalendar(CalendarProperties settings, ZoneProperties business,
                                             HolidaySchedule schedule) {
        BusinessCalendar calendar = new BusinessCalendar(
                settings.zone() != null ? settings.zone() : business.zone(), parseWeekdays(settings.workingDays()),
                WorkingPeriod.parse(settings.workingPeriods()), schedule.holidays().keySet(),
                schedule.makeupWorkdays());
        LOG.info("Business calendar: {} holidays and {} make-up working days for {} ({})",
                schedule.holidays().size(), schedule.makeupWorkdays().size(), schedule.years(), calendar);
        int thisYear = LocalDate.now(calendar.zone()).getYear();
        if (!schedule.years().contains(thisYear)) {
            LOG.warn("No holiday data for {}: deadlines this year ignore its holidays and make-up working days"
                    + " (health component businessCalendar lists the missing years)", thisYear);
        }
        return calendar;
    }

    /** {@code "MONDAY,TUESDAY"} (case-insensitive) → weekdays; unknown names fail naming the property. */
    static Set<DayOfWeek> parseWeekdays(String spec) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String name : spec.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                days.add(DayOfWeek.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("complaintflow.calendar.working-days: '" + name.trim()
                        + "' is not a weekday (MONDAY … SUNDAY)", e);
            }
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("complaintflow.calendar.working-days names no weekday");
        }
        return days;
    }
}
