package io.complaintflow.pdca;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What is waiting for a PDCA review: crisis reviews and 3·15 campaign reviews not yet picked up. */
@RestController
@RequestMapping("/api/pdca/handovers")
public class PdcaController {

    private final PdcaHandovers handovers;

    public PdcaController(PdcaHandovers handovers) {
        this.handovers = handovers;
    }

    @GetMapping
    public List<PdcaHandover> open() {
        return handovers.open();
    }
}
