package io.complaintflow.duplicate;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintProcess;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import io.complaintflow.web.FieldError;
import io.complaintflow.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Merges a duplicate into another complaint. The duplicate's lifecycle receives the message {@code
 * ComplaintMerged}: its interrupting event subprocess ends every task, department part and deadline timer and
 * closes the case with its deadlines stopped. Both complaints keep the link (column and timeline).
 */
@Service
public class MergeService {

    public static final String MESSAGE = "ComplaintMerged";

    private final ComplaintRepository complaints;
    private final Timeline timeline;
    private final DeadlineService deadlines;
    private final RuntimeService runtime;
    private final BusinessClock clock;
    private final JdbcClient jdbc;

    public MergeService(ComplaintRepository complaints, Timeline timeline, DeadlineService deadlines, RuntimeService runtime,
                        BusinessClock clock, JdbcClient jdbc) {
        this.complaints = complaints;
        this.timeline = timeline;
        this.deadlines = deadlines;
        this.runtime = runtime;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    @Transactional
    public void merge(String duplicate, MergeRequest request, String actor) {
        Complaint dup = complaints.find(duplicate)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有工单 " + duplicate));
        List<FieldError> errors = new ArrayList<>();
        String into = request == null || request.intoCaseNumber() == null ? null : request.intoCaseNumber().strip();
        String reason = request == null || request.reason() == null ? null : request.reason().strip();
        if (into == null || into.isEmpty()) {
            errors.add(new FieldError("intoCaseNumber", "必填"));
        } else if (into.equals(duplicate)) {
            errors.add(new FieldError("intoCaseNumber", "不能合并到工单自身"));
        }
        if (reason == null || reason.isEmpty()) {
            errors.add(new FieldError("reason", "必填"));
        } else if (reason.length() > 500) {
            errors.add(new FieldError("reason", "最多 500 个字符"));
        }
        Complaint target = into == null || into.isEmpty() ? null : complaints.find(into).orElse(null);
        if (target == null && into != null && !into.isEmpty()) {
            errors.add(new FieldError("intoCaseNumber", "没有工单 " + into));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (mergedInto(duplicate) != null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "工单 " + duplicate + " 已合并至 " + mergedInto(duplicate));
        }
        if (dup.status() == ComplaintStatus.CLOSED) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "工单 " + duplicate + " 已结案，不能再合并");
        }
        if (mergedInto(into) != null || target.status() == ComplaintStatus.CLOSED) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "目标工单 " + into + " 已结案或已合并，请合并到仍在处理的工单");
        }
        complaints.markMerged(duplicate, into);
        timeline.record(duplicate, actor, TimelineKind.MERGED, "作为重复投诉并入 " + into, reason);
        timeline.record(into, actor, TimelineKind.MERGED, "重复投诉 " + duplicate + " 已并入本工单", reason);

        ProcessInstance lifecycle = runtime.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.KEY)
                .processInstanceBusinessKey(duplicate).active().singleResult();
        if (lifecycle == null) {
            closeMerged(duplicate);
        } else {
            // no variables on this correlation: the interrupting start replaces the execution they would be set on
            runtime.createMessageCorrelation(MESSAGE).processInstanceId(lifecycle.getId()).correlateWithResult();
        }
    }

    /** Run by the lifecycle's event subprocess: closes the duplicate and stops every deadline still running. */
    public void closeMerged(String duplicate) {
        complaints.close(duplicate, clock.now());
        List<String> stopped = new ArrayList<>();
        for (Deadline c : deadlines.all(duplicate)) {
            if (c.open()) {
                deadlines.stop(duplicate, c.name());
                stopped.add(DeadlineService.label(c.name()));
            }
        }
        timeline.record(duplicate, io.complaintflow.complaint.Actors.SYSTEM, TimelineKind.CLOSED,
                "因合并结案（原因：合并至 " + mergedInto(duplicate) + "）",
                stopped.isEmpty() ? null : "已停止计时：" + String.join("、", stopped));
    }

    public String mergedInto(String caseNumber) {
        return jdbc.sql("select merged_into from complaint where case_number = ?").param(caseNumber)
                .query(String.class).optional().orElse(null);
    }

    public List<String> mergedFrom(String caseNumber) {
        return jdbc.sql("select case_number from complaint where merged_into = ? order by case_number")
                .param(caseNumber).query(String.class).list();
    }
}
