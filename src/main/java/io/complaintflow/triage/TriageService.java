package io.complaintflow.triage;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.Department;
import io.complaintflow.complaint.Grade;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.crisis.CrisisStarter;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import java.util.List;
import org.springframework.stereotype.Service;

/** Records the grade, category and responsible departments — from the decision tables or from the center's review. */
@Service
public class TriageService {

    private final ComplaintRepository complaints;
    private final Timeline timeline;
    private final BusinessClock clock;
    private final DeadlineService deadlines;
    private final CrisisStarter crises;

    public TriageService(ComplaintRepository complaints, Timeline timeline, BusinessClock clock,
                         DeadlineService deadlines, CrisisStarter crises) {
        this.deadlines = deadlines;
        this.crises = crises;
        this.complaints = complaints;
        this.timeline = timeline;
        this.clock = clock;
    }

    public void apply(String caseNumber, Triage triage, String actor, TimelineKind kind, String note) {
        complaints.updateTriage(caseNumber, triage.category(), triage.grade(), clock.now());
        complaints.planDepartments(caseNumber, triage.departments(), clock.now());
        String summary = (kind == TimelineKind.GRADED ? "系统定级" : "投诉中心复核")
                + "：" + triage.grade() + "（" + Coded.labelOf(triage.grade()) + "），类别 "
                + Coded.labelOf(triage.category()) + "，分派 " + departmentNames(triage.departments());
        timeline.record(caseNumber, actor, kind, summary, note);
        if (kind == TimelineKind.TRIAGE_REVIEWED) {
            deadlines.stop(caseNumber, Deadline.FIRST_RESPONSE);
        }
        if (kind == TimelineKind.TRIAGE_REVIEWED && triage.grade() == Grade.G4) {
            // graded G4 by the lifecycle, the crisis runs already; raised to G4 in review, it starts now
            crises.forComplaint(caseNumber, actor);
        }
    }

    public static String departmentNames(List<String> departments) {
        if (departments.isEmpty()) {
            return "—";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < departments.size(); i++) {
            s.append(i == 0 ? "" : "、").append(Coded.labelOf(Department.class, departments.get(i)))
                    .append(i == 0 ? "（牵头）" : "");
        }
        return s.toString();
    }
}
