package io.complaintflow.complaint;

import org.springframework.stereotype.Service;

/**
 * Writes a complaint's timeline. Every step of the lifecycle goes through here, so the record, the
 * API and the task forms all show the same story.
 */
@Service
public class Timeline {

    private final ComplaintRepository complaints;
    private final BusinessClock clock;

    public Timeline(ComplaintRepository complaints, BusinessClock clock) {
        this.complaints = complaints;
        this.clock = clock;
    }

    public void record(String caseNumber, String actor, TimelineKind kind, String summary, String detail) {
        complaints.addTimelineEntry(caseNumber, clock.now(), actor, kind.name(), summary, detail);
    }
}
