package io.complaintflow.campaign;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.modelpolicy.PublishedForModels;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * The configured dates of the yearly 3·15 campaign (month-day in the business time zone), turned into instants
 * for a given year. The campaign model reads its timers from here.
 */
@PublishedForModels
@Component("campaignCalendar")
public class CampaignCalendar {

    private final BusinessClock clock;
    private final MonthDay start;
    private final LocalTime startTime;
    private final MonthDay battleFrom;
    private final MonthDay mediaWatchDay;
    private final LocalTime mediaWatchTime;
    private final MonthDay aftermathFrom;
    private final MonthDay aftermathUntil;
    private final Duration backlogAge;

    public CampaignCalendar(BusinessClock clock, CampaignProperties settings) {
        this.clock = clock;
        this.start = monthDay(settings.start());
        this.startTime = LocalTime.parse(settings.startTime());
        this.battleFrom = monthDay(settings.battleFrom());
        this.mediaWatchDay = monthDay(settings.mediaWatch().substring(0, 5));
        this.mediaWatchTime = LocalTime.parse(settings.mediaWatch().substring(6));
        this.aftermathFrom = monthDay(settings.aftermathFrom());
        this.aftermathUntil = monthDay(settings.aftermathUntil());
        this.backlogAge = settings.backlogAge();
        if (!(this.start.isBefore(this.battleFrom) && this.battleFrom.isBefore(this.aftermathFrom)
                && !this.aftermathUntil.isBefore(this.aftermathFrom))) {
            throw new IllegalStateException("complaintflow.campaign dates must follow each other: start < battle-from"
                    + " < aftermath-from <= aftermath-until");
        }
    }

    public CampaignDates of(int year) {
        ZoneId zone = clock.zone();
        return new CampaignDates(year,
                at(start.atYear(year), startTime, zone),
                at(battleFrom.atYear(year), LocalTime.MIDNIGHT, zone),
                at(battleFrom.atYear(year), LocalTime.MIDNIGHT, zone),
                at(mediaWatchDay.atYear(year), mediaWatchTime, zone),
                at(aftermathFrom.atYear(year), LocalTime.MIDNIGHT, zone),
                at(aftermathUntil.atYear(year).plusDays(1), LocalTime.MIDNIGHT, zone));
    }

    /** The campaign year that is running or comes next: this year until its aftermath ends, then the next. */
    public int currentYear() {
        Instant now = clock.now();
        int year = LocalDate.ofInstant(now, clock.zone()).getYear();
        return now.isBefore(of(year).aftermathEnds()) ? year : year + 1;
    }

    /**
     * The timer cycle of the yearly start event: from the next campaign start on, every year. Evaluated when the
     * model is deployed, so a changed start date takes effect with the next deployment of campaign-315.
     */
    public String getStartCycle() {
        Instant now = clock.now();
        int year = LocalDate.ofInstant(now, clock.zone()).getYear();
        Instant next = of(year).start().isAfter(now) ? of(year).start() : of(year + 1).start();
        return "R/" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(next.atZone(clock.zone()).toOffsetDateTime())
                + "/P1Y";
    }

    /** Open complaints older than this become review work in preparation. */
    public Duration backlogAge() {
        return backlogAge;
    }

    private static Instant at(LocalDate day, LocalTime time, ZoneId zone) {
        return LocalDateTime.of(day, time).atZone(zone).toInstant();
    }

    private static MonthDay monthDay(String value) {
        return MonthDay.parse("--" + value.strip());
    }
}
