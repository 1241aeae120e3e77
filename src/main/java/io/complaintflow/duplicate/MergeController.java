package io.complaintflow.duplicate;

import io.complaintflow.complaint.Actors;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.ComplaintView;
import io.complaintflow.complaint.ComplaintViews;
import java.security.Principal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/complaints")
class MergeController {

    private final MergeService merges;
    private final ComplaintRepository complaints;
    private final ComplaintViews views;
    private final Actors actors;

    public MergeController(MergeService merges, ComplaintRepository complaints, ComplaintViews views, Actors actors) {
        this.merges = merges;
        this.complaints = complaints;
        this.views = views;
        this.actors = actors;
    }

    /** 200 with the duplicate, now CLOSED and linked; 400 bad input, 404 unknown case, 409 closed or merged already. */
    @PostMapping("/{caseNumber}/merge")
    public ComplaintView merge(@PathVariable String caseNumber, @RequestBody(required = false) MergeRequest request,
                               Principal principal) {
        merges.merge(caseNumber, request, principal != null ? principal.getName() : actors.current());
        return views.withTimeline(complaints.find(caseNumber).orElseThrow());
    }
}
