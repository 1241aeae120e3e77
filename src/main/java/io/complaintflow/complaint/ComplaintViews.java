package io.complaintflow.complaint;

import static io.complaintflow.complaint.Timestamps.instant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Builds the API's view of a complaint from its record, departments and (optionally) timeline. */
@Component
public class ComplaintViews {

    private final ComplaintRepository complaints;
    private final JdbcClient jdbc;

    public ComplaintViews(ComplaintRepository complaints, JdbcClient jdbc) {
        this.complaints = complaints;
        this.jdbc = jdbc;
    }

    public ComplaintView of(Complaint c) {
        return build(c, null, true);
    }

    /**
     * A complaint its intake stored in this transaction: deadlines, departments, merges and a closure all come after
     * intake's asynchronous boundary, so there is none of them to read (four statements of the intake request).
     */
    public ComplaintView ofAccepted(Complaint c) {
        return build(c, null, false);
    }

    public ComplaintView withTimeline(Complaint c) {
        return build(c, complaints.timeline(c.caseNumber()), true, null);
    }

    /** The view of a complaint read with its merge and closure columns: no second read of its row. */
    public ComplaintView withTimeline(ComplaintRepository.Viewed viewed) {
        Complaint c = viewed.complaint();
        return build(c, complaints.timeline(c.caseNumber()), true, viewed);
    }

    private ComplaintView build(Complaint c, List<TimelineEntry> timeline, boolean decided) {
        return build(c, timeline, decided, null);
    }

    private ComplaintView build(Complaint c, List<TimelineEntry> timeline, boolean decided,
                                ComplaintRepository.Viewed viewed) {
        // deadline name → its current target (FIRST_RESPONSE, RESOLUTION, REGULATOR_REPLY, DEPARTMENT:<key>)
        Map<String, Deadline> deadlines = new LinkedHashMap<>();
        String[] mergedInto = {viewed == null ? null : viewed.mergedInto()};
        Closure[] closure = {viewed == null ? null : viewed.closure()};
        List<String> mergedFrom = List.of();
        List<DepartmentAssignment> departments = List.of();
        if (decided) {
            jdbc.sql("select deadline, warning_at, target_at, state, stopped_at from complaint_deadline"
                            + " where case_number = ? order by id")
                    .param(c.caseNumber())
                    .query(rs -> {
                        deadlines.put(rs.getString("deadline"), new Deadline(instant(rs, "warning_at"),
                                instant(rs, "target_at"), rs.getString("state"), instant(rs, "stopped_at")));
                    });
            if (viewed == null) {
                jdbc.sql("select merged_into, root_cause, responsible_department, preventable from complaint"
                                + " where case_number = ?")
                        .param(c.caseNumber())
                        .query(rs -> {
                            mergedInto[0] = rs.getString("merged_into");
                            closure[0] = ComplaintRepository.closure(rs);
                        });
            }
            mergedFrom = jdbc.sql("select case_number from complaint where merged_into = ? order by case_number")
                    .param(c.caseNumber()).query(String.class).list();
            departments = complaints.departments(c.caseNumber());
        }
        return new ComplaintView(c.caseNumber(), c.status(), c.grade(), c.category(), c.channel(), c.externalRef(),
                c.regulator(), c.regulatorDeadline(), c.customer(), c.product(), c.subject(), c.description(),
                c.amountClaimed(), c.occurredAt(), c.resolvedAtIntake(), departments,
                c.repeatCount(), c.repeatOf(), c.transferCount(), c.rejectionCount(), c.reopenCount(),
                c.resolution(), c.compensation(), c.satisfactionScore(), deadlines, c.createdAt(), c.updatedAt(),
                c.closedAt(), timeline, mergedInto[0], mergedFrom.isEmpty() ? null : mergedFrom, closure[0]);
    }
}
