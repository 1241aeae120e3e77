package io.complaintflow.complaint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Builds the API's view of a complaint from its record, departments and (optionally) timeline. */
@Component
public class ComplaintViews {

    private final ComplaintRepository complaints;

    public ComplaintViews(ComplaintRepository complaints) {
        this.complaints = complaints;
    }

    public ComplaintView of(Complaint c) {
        return build(c, null);
    }

    public ComplaintView withTimeline(Complaint c) {
        return build(c, complaints.timeline(c.caseNumber()));
    }

    private ComplaintView build(Complaint c, List<TimelineEntry> timeline) {
        Map<String, Instant> deadlines = new LinkedHashMap<>();
        if (c.regulatorDeadline() != null) {
            deadlines.put("regulatorReply", c.regulatorDeadline());
        }
        return new ComplaintView(c.caseNumber(), c.status(), c.grade(), c.category(), c.channel(), c.externalRef(),
                c.regulator(), c.regulatorDeadline(), c.customer(), c.product(), c.subject(), c.description(),
                c.amountClaimed(), c.occurredAt(), c.resolvedAtIntake(), complaints.departments(c.caseNumber()),
                c.repeatCount(), c.repeatOf(), c.transferCount(), c.rejectionCount(), c.reopenCount(),
                c.resolution(), c.compensation(), c.satisfactionScore(), deadlines, c.createdAt(), c.updatedAt(),
                c.closedAt(), timeline);
    }
}
