package io.complaintflow.callback;

import io.complaintflow.complaint.BusinessClock;
import io.complaintflow.complaint.ComplaintRepository.Counter;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.complaint.Timeline;
import io.complaintflow.complaint.TimelineKind;
import org.springframework.stereotype.Service;

/** The satisfaction callback after closure, and reopening when the customer is not satisfied. */
@Service
public class CallbackService {

    /** Scores below this count as unsatisfied. */
    public static final int SATISFIED_FROM = 3;

    private final ComplaintRepository complaints;
    private final Timeline timeline;
    private final BusinessClock clock;

    public CallbackService(ComplaintRepository complaints, Timeline timeline, BusinessClock clock) {
        this.complaints = complaints;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** Returns whether the customer is satisfied: a score of 3 or more and the problem actually solved. */
    public boolean recordCallback(String caseNumber, int score, boolean resolved, String note, String actor) {
        complaints.recordSatisfaction(caseNumber, score, resolved, clock.now());
        timeline.record(caseNumber, actor, TimelineKind.CALLBACK,
                "满意度回访：" + score + " 分，问题" + (resolved ? "已解决" : "未解决"), note);
        return score >= SATISFIED_FROM && resolved;
    }

    public void reopen(String caseNumber, String actor) {
        int reopens = complaints.increment(caseNumber, Counter.REOPENS, clock.now());
        complaints.updateStatus(caseNumber, ComplaintStatus.REOPENED, clock.now());
        timeline.record(caseNumber, actor, TimelineKind.REOPENED,
                "回访不满意，工单重新打开（第 " + reopens + " 次），退回投诉中心", null);
    }
}
