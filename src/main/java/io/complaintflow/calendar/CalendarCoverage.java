package io.complaintflow.calendar;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.sla.BusinessCalendar;
import io.complaintflow.sla.CalendarProperties;
import io.complaintflow.sla.HolidaySchedule;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which years the running deadlines and the coming {@code complaintflow.calendar.horizon} need holiday data
 * for, and which of them have none. A deadline that reaches into year Y walks through every year before it, so
 * every year from this one to the furthest one reached is needed. Missing years are told (dashboard, mail) from
 * {@code complaintflow.calendar.notice-from} (1 November) of the year before on.
 */
@Component
public class CalendarCoverage {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarCoverage.class);

    private final HolidaySchedule schedule;
    private final BusinessCalendar calendar;
    private final BusinessClock clock;
    private final JdbcClient jdbc;
    private final Period horizon;
    private final MonthDay noticeFrom;
    private final Path folder;

    public CalendarCoverage(HolidaySchedule schedule, BusinessCalendar calendar, BusinessClock clock, JdbcClient jdbc,
                            CalendarProperties settings) {
        this.schedule = schedule;
        this.calendar = calendar;
        this.clock = clock;
        this.jdbc = jdbc;
        this.horizon = settings.horizon();
        this.noticeFrom = MonthDay.parse("--" + settings.noticeFrom());
        this.folder = settings.holidaysDir().toAbsolutePath().normalize();
    }

    public Coverage current() {
        Instant now = clock.now();
        LocalDate today = LocalDate.ofInstant(now, calendar.zone());
        LocalDate until = today.plus(horizon);
        Instant latest = null;
        boolean known = true;
        try {
            latest = latestRunningDeadline();
        } catch (DataAccessException e) {
            known = false;
            LOG.debug("Running deadlines unknown: {}", e.getMessage());
        }
        int lastYear = until.getYear();
        if (latest != null) {
            lastYear = Math.max(lastYear, LocalDate.ofInstant(latest, calendar.zone()).getYear());
        }
        List<Integer> missing = new ArrayList<>();
        List<Integer> announced = new ArrayList<>();
        for (int year = today.getYear(); year <= lastYear; year++) {
            if (!schedule.years().contains(year)) {
                missing.add(year);
                if (year <= today.getYear() || !today.isBefore(noticeFrom.atYear(year - 1))) {
                    announced.add(year);
                }
            }
        }
        return new Coverage(today, until, latest, known, List.copyOf(schedule.years()), missing, announced,
                schedule.files());
    }

    /** Where an operator puts a year's file. */
    public Path folder() {
        return folder;
    }

    private Instant latestRunningDeadline() {
        return jdbc.sql("select max(target_at), max(level2_at) from complaint_deadline"
                        + " where state in ('RUNNING', 'PAUSED', 'BREACHED')")
                .query((rs, n) -> Stream.of(rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class))
                        .filter(java.util.Objects::nonNull).map(OffsetDateTime::toInstant)
                        .max(Instant::compareTo).orElse(null))
                .list().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }
}
