package io.complaintflow.mass;

import io.complaintflow.complaint.Coded;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import org.springframework.stereotype.Component;

/** How a mass incident reads in forms: what it is about, and its linked complaints one per line. */
@Component
public class MassIncidentText {

    private final ComplaintRepository complaints;

    public MassIncidentText(ComplaintRepository complaints) {
        this.complaints = complaints;
    }

    public String summary(MassIncident incident) {
        return "群体事件：" + incident.label() + "\n产品：" + incident.product() + "\n类别："
                + Coded.labelOf(incident.category()) + "\n等级：" + incident.grade()
                + "\n关联投诉：" + incident.members().size() + " 件"
                + (incident.answer() == null ? "" : "\n统一答复：" + incident.answer());
    }

    /**
     * One line per member complaint: case number, grade, status — references, nothing a customer wrote (the text goes
     * into the crisis' variables and history, which no single customer's erasure owns; a subject may carry a name or a
     * phone). The complaint itself is read by its case number in the 案卷 tab.
     */
    public String members(MassIncident incident) {
        StringBuilder s = new StringBuilder();
        for (String caseNumber : incident.members()) {
            Complaint c = complaints.find(caseNumber).orElseThrow();
            s.append(caseNumber).append("  ").append(c.grade() == null ? "—" : c.grade()).append("  ")
                    .append(Coded.labelOf(c.status())).append('\n');
        }
        return s.toString();
    }
}
