package io.complaintflow.intake;

import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.notification.MailTemplates;
import io.complaintflow.notification.NotificationService;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Tells the customer the case number and when to expect an answer (the resolution deadline). Sent once the
 * deadlines are decided — after intake's asynchronous boundary, not in the filing request — from the record, so
 * the customer's name and address never pass through process variables.
 */
@Service
public class Acknowledgement {

    private final ComplaintRepository complaints;
    private final DeadlineService deadlines;
    private final NotificationService notifications;
    private final MailTemplates templates;

    public Acknowledgement(ComplaintRepository complaints, DeadlineService deadlines, NotificationService notifications,
                           MailTemplates templates) {
        this.complaints = complaints;
        this.deadlines = deadlines;
        this.notifications = notifications;
        this.templates = templates;
    }

    public void send(String caseNumber) {
        Complaint c = complaints.find(caseNumber).orElseThrow();
        String expectedBy = deadlines.find(caseNumber, Deadline.RESOLUTION).map(k -> deadlines.format(k.targetAt())).orElse("—");
        List<String> to = c.customer().email() == null ? List.of() : List.of(c.customer().email());
        notifications.send(caseNumber, "受理回执", templates.acknowledgement(to, c.customer().name(), caseNumber,
                c.subject() == null ? "您反映的问题" : c.subject(), expectedBy));
    }
}
