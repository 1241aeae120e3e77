package io.complaintflow.pdca;

import io.complaintflow.complaint.Actors;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** What is waiting for a PDCA review: crisis reviews and 3·15 campaign reviews not yet picked up. */
@RestController
@RequestMapping("/api/pdca/handovers")
class PdcaController {

    private final PdcaHandovers handovers;
    private final Actors actors;

    public PdcaController(PdcaHandovers handovers, Actors actors) {
        this.handovers = handovers;
        this.actors = actors;
    }

    @GetMapping
    public List<PdcaHandover> open() {
        return handovers.open();
    }

    /** A PDCA review takes the handover on; it then leaves the open list. 409 when someone already did. */
    @PostMapping("/{id}/pickup")
    public PdcaHandover pickUp(@PathVariable long id) {
        PdcaHandover handover = handovers.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有待改进事项 " + id));
        if (!handovers.pickUp(id, actors.current())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "已由 " + handover.pickedUpBy() + " 接手");
        }
        return handovers.find(id).orElseThrow();
    }
}
