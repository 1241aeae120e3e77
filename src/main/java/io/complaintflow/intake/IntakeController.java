package io.complaintflow.intake;

import io.complaintflow.complaint.Actors;
import java.net.URI;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/complaints")
class IntakeController {

    private final IntakeService intake;
    private final Actors actors;

    public IntakeController(IntakeService intake, Actors actors) {
        this.intake = intake;
        this.actors = actors;
    }

    /**
     * 201 with the new complaint (stored, its lifecycle started; grading, routing and deadlines follow and are listed
     * as {@code pending}), or 200 with the one this channel already sent under the same reference.
     */
    @PostMapping
    public ResponseEntity<IntakeAnswer> accept(@RequestBody ComplaintRequest request) {
        IntakeResult result;
        try {
            result = intake.accept(request, actors.current());
        } catch (DuplicateKeyException concurrentTwin) {
            // the same channel + externalRef arrived twice at once: the other request stored it
            result = intake.existing(request);
        }
        if (!result.created()) {
            return ResponseEntity.ok(IntakeAnswer.of(result));
        }
        return ResponseEntity.created(URI.create(IntakeAnswer.statusUrl(result.complaint().caseNumber())))
                .body(IntakeAnswer.of(result));
    }
}
