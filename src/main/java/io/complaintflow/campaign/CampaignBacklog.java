package io.complaintflow.campaign;

import static io.complaintflow.campaign.CampaignProcess.*;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.CaseFileVariables;
import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Preparation's backlog clearing: the open complaints older than {@code complaintflow.campaign.backlog-age}
 * become review work, one task each (oldest first, at most {@link #LIMIT}), showing that complaint.
 */
@PublishedForModels
@Component("campaignBacklog")
public class CampaignBacklog {

    static final int LIMIT = 500;

    private final JdbcClient jdbc;
    private final CampaignCalendar calendar;
    private final CampaignService campaigns;
    private final CaseFileVariables caseFile;
    private final Timeline timeline;
    private final BusinessClock clock;

    public CampaignBacklog(JdbcClient jdbc, CampaignCalendar calendar, CampaignService campaigns,
                           CaseFileVariables caseFile, Timeline timeline, BusinessClock clock) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.campaigns = campaigns;
        this.caseFile = caseFile;
        this.timeline = timeline;
        this.clock = clock;
    }

    public void collect(DelegateExecution execution) {
        List<String> cases = jdbc.sql("select case_number from complaint where status <> 'CLOSED' and created_at < ?"
                        + " order by created_at, case_number limit " + LIMIT)
                .param(clock.now().minus(calendar.backlogAge()).atOffset(ZoneOffset.UTC)).query(String.class).list();
        int year = year(execution);
        execution.setVariable(BACKLOG, FormValues.jsonList(cases));
        campaigns.log(year, "system", CampaignLogEntry.BACKLOG, "备战清理积压：" + cases.size() + " 件超过 "
                + calendar.backlogAge().toDays() + " 天未结案的投诉转为复核任务", String.join("、", cases));
        campaigns.refresh(year, execution);
    }

    /** The multi-instance collection of the backlog review. */
    public List<String> cases(DelegateExecution execution) {
        return FormValues.codes(execution.getVariable(BACKLOG));
    }

    /** The review task is about one complaint: its case number (for the 案卷 tab and the list) and its form's variables. */
    public void show(DelegateTask task) {
        String caseNumber = (String) task.getVariable(BACKLOG_CASE);
        task.setVariablesLocal(caseFile.render(caseNumber));
        task.setVariableLocal(ComplaintProcess.CASE_NUMBER, caseNumber);
    }

    public void reviewed(DelegateTask task, String actor) {
        String caseNumber = (String) task.getVariable(BACKLOG_CASE);
        String note = FormValues.requiredText(task.getVariable("backlogNote"), "复核意见");
        timeline.record(caseNumber, actor, TimelineKind.CAMPAIGN, "3·15 备战积压复核", note);
        caseFile.refresh(caseNumber, null);
        campaigns.log(year(task.getExecution()), actor, CampaignLogEntry.BACKLOG, "复核积压投诉 " + caseNumber, note);
        task.removeVariable("backlogNote");
    }

    private static int year(org.camunda.bpm.engine.delegate.VariableScope scope) {
        return ((Number) scope.getVariable(YEAR)).intValue();
    }
}
