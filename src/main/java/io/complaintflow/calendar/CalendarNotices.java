package io.complaintflow.calendar;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.notification.MailTemplates;
import io.complaintflow.notification.NotificationService;
import io.complaintflow.notification.Recipients;
import io.complaintflow.security.Groups;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mails the process owners about each missing holiday year once, whichever node notices it first: the year's row
 * in {@code calendar_notice} and the queued mail commit together, and a second node's insert of the same year fails
 * on the primary key.
 */
@Component
public class CalendarNotices {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarNotices.class);
    public static final String PURPOSE = "calendar-missing-year";

    private final CalendarCoverage coverage;
    private final NotificationService notifications;
    private final MailTemplates templates;
    private final Recipients recipients;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final BusinessClock clock;

    public CalendarNotices(CalendarCoverage coverage, NotificationService notifications, MailTemplates templates,
                           Recipients recipients, JdbcClient jdbc, TransactionTemplate transaction, BusinessClock clock) {
        this.coverage = coverage;
        this.notifications = notifications;
        this.templates = templates;
        this.recipients = recipients;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The years this call announced (empty when there was nothing new to tell). */
    public List<Integer> announceMissingYears() {
        Coverage c = coverage.current();
        List<Integer> announced = new ArrayList<>();
        for (int year : c.announcedYears()) {
            try {
                transaction.executeWithoutResult(status -> {
                    jdbc.sql("insert into calendar_notice (calendar_year, noticed_at) values (?, ?)")
                            .params(year, clock.now().atOffset(ZoneOffset.UTC)).update();
                    notifications.send("CALENDAR-" + year, PURPOSE, templates.calendarMissingYear(
                            recipients.ofGroup(Groups.PROCESS_OWNERS), year, c.coveredYears(),
                            coverage.folder().toString()));
                });
                announced.add(year);
                LOG.warn("No holiday data for {}: process owners told (put cn-holidays-{}.yaml into {})", year, year,
                        coverage.folder());
            } catch (DuplicateKeyException alreadyTold) {
                // another node, or an earlier run, told them
            }
        }
        return announced;
    }
}
