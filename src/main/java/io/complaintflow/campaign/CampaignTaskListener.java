package io.complaintflow.campaign;

import static io.complaintflow.campaign.CampaignProcess.*;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.CaseFileVariables;
import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Regulator;
import io.complaintflow.engine.FormValues;
import io.complaintflow.modelpolicy.PublishedForModels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Takes what people submit in the campaign's tasks into the campaign log (one listener, by task). */
@PublishedForModels
@Component("campaignTasks")
class CampaignTaskListener implements TaskListener {

    private final CampaignService campaigns;
    private final CampaignBacklog backlog;
    private final CaseFileVariables caseFile;
    private final Actors actors;

    CampaignTaskListener(CampaignService campaigns, CampaignBacklog backlog, CaseFileVariables caseFile,
                         Actors actors) {
        this.campaigns = campaigns;
        this.backlog = backlog;
        this.caseFile = caseFile;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            // a backlog review task is about one complaint: its case number (the 案卷 tab, the list), its form's variables
            String caseNumber = (String) task.getVariable(BACKLOG_CASE);
            task.setVariablesLocal(caseFile.render(caseNumber));
            task.setVariableLocal(ComplaintProcess.CASE_NUMBER, caseNumber);
            return;
        }
        int year = ((Number) task.getVariable(YEAR)).intValue();
        String actor = actors.of(task.getAssignee());
        switch (task.getTaskDefinitionKey()) {
            case "Task_ReviewBacklogCase" -> {
                backlog.reviewed(year, (String) task.getVariable(BACKLOG_CASE),
                        required(task, "backlogNote", "复核意见"), actor);
                task.removeVariable("backlogNote");
                return;
            }
            case "Task_ReviewSensitiveTopics" -> {
                campaigns.log(year, actor, CampaignLogEntry.READINESS, "敏感话题已审查，应答口径已更新",
                        required(task, "scriptUpdates", "应答口径更新"));
            }
            case "Task_ConfirmEmergencyRoster" -> {
                campaigns.log(year, actor, CampaignLogEntry.READINESS, "应急小组及激增响应排班已确认",
                        required(task, "rosterNote", "排班说明"));
            }
            case "Task_WatchMedia" -> {
                boolean exposed = "yes".equals(required(task, "exposedAnswer", "是否被曝光"));
                task.setVariable(EXPOSED, exposed);
                String detail = FormValues.text(task.getVariable("exposureDetail"));
                if (exposed && detail == null) {
                    throw FormValues.invalid("被曝光时请填写曝光情况");
                }
                campaigns.log(year, actor, CampaignLogEntry.MEDIA_WATCH,
                        exposed ? "3·15 晚会舆情监测：我方被曝光，启动危机响应" : "3·15 晚会舆情监测：未发现我方被曝光", detail);
            }
            case "Task_LogRegulatorBatch" -> {
                String regulator = required(task, "batchRegulator", "监管机构");
                if (Coded.parse(Regulator.class, regulator).isEmpty()) {
                    throw FormValues.invalid("监管机构取值无效");
                }
                Integer size = FormValues.integer(task.getVariable("batchSize"), "件数");
                if (size == null) {
                    throw FormValues.invalid("件数为必填项");
                }
                campaigns.regulatorBatch(year, actor, regulator, required(task, "batchRef", "批次编号"), size,
                        FormValues.text(task.getVariable("batchNote")));
                task.removeVariable("batchRef");
                task.removeVariable("batchSize");
                task.removeVariable("batchNote");
            }
            case "Task_PreparePeriodReport" -> campaigns.commentary(year, required(task, "reportCommentary", "报告说明"),
                    actor);
            case "Task_ApprovePeriodReport" -> {
                boolean approved = "approve".equals(required(task, "reportDecision", "审批结论"));
                campaigns.reportDecided(year, approved, FormValues.text(task.getVariable("reportNote")), actor);
                task.setVariable(REPORT_APPROVED, approved);
            }
            default -> throw new IllegalStateException("no campaign step for task " + task.getTaskDefinitionKey());
        }
        task.setVariable(SUMMARY, campaigns.summary(year));
    }

    private static String required(DelegateTask task, String field, String label) {
        return FormValues.requiredText(task.getVariable(field), label);
    }
}
