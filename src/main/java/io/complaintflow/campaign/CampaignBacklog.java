package io.complaintflow.campaign;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Preparation's backlog clearing: the open complaints older than {@code complaintflow.campaign.backlog-age}
 * become review work, one task each (oldest first, at most {@link #LIMIT}), showing that complaint
 * ({@link CampaignTaskListener}).
 */
@Component("campaignBacklogService") // "campaignBacklog" is the models' name of CampaignBacklogAdapter
public class CampaignBacklog {

    static final int LIMIT = 500;

    private final JdbcClient jdbc;
    private final CampaignCalendar calendar;
    private final CampaignService campaigns;
    private final Timeline timeline;
    private final BusinessClock clock;

    public CampaignBacklog(JdbcClient jdbc, CampaignCalendar calendar, CampaignService campaigns,
                           Timeline timeline, BusinessClock clock) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.campaigns = campaigns;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** The backlog's case numbers, logged. */
    public List<String> collect(int year) {
        List<String> cases = jdbc.sql("select case_number from complaint where status <> 'CLOSED' and created_at < ?"
                        + " order by created_at, case_number limit " + LIMIT)
                .param(clock.now().minus(calendar.backlogAge()).atOffset(ZoneOffset.UTC)).query(String.class).list();
        campaigns.log(year, "system", CampaignLogEntry.BACKLOG, "备战清理积压：" + cases.size() + " 件超过 "
                + calendar.backlogAge().toDays() + " 天未结案的投诉转为复核任务", String.join("、", cases));
        return cases;
    }

    public void reviewed(int year, String caseNumber, String note, String actor) {
        timeline.record(caseNumber, actor, TimelineKind.CAMPAIGN, "3·15 备战积压复核", note);
        campaigns.log(year, actor, CampaignLogEntry.BACKLOG, "复核积压投诉 " + caseNumber, note);
    }
}
