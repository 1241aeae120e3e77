package io.complaintflow.pdca;

import io.complaintflow.pdca.ReviewPeriods.ReviewPeriod;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/** Starts pdca-review by hand (API) and for every crisis or 3·15 campaign handed over to PDCA. */
@Service
public class PdcaReviews {

    private final RuntimeService runtime;
    private final PdcaCycles cycles;
    private final ReviewPeriods periods;

    public PdcaReviews(RuntimeService runtime, PdcaCycles cycles, ReviewPeriods periods) {
        this.runtime = runtime;
        this.cycles = cycles;
        this.periods = periods;
    }

    public PdcaCycle start(String trigger, Long handoverId, LocalDate from, LocalDate to, String note, String actor) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("trigger", trigger);
        variables.put("initiator", actor);
        if (handoverId != null) {
            variables.put("handoverId", handoverId);
        }
        if (from != null) {
            variables.put("periodFrom", from.toString());
        }
        if (to != null) {
            variables.put("periodTo", to.toString());
        }
        if (note != null) {
            variables.put("note", note);
        }
        ProcessInstanceWithVariables instance = runtime.createProcessInstanceByKey(PdcaProcess.KEY)
                .setVariables(variables).executeWithVariablesInReturn();
        long id = Long.parseLong(String.valueOf(instance.getVariables().get(PdcaProcess.CYCLE_ID)));
        return cycles.find(id).orElseThrow();
    }

    /** The crisis or campaign review becomes a PDCA cycle over the crisis' last 30 days or the campaign's period. */
    @EventListener
    public void handedOver(PdcaHandedOver event) {
        PdcaHandover h = event.handover();
        if (PdcaHandover.CAMPAIGN.equals(h.source())) {
            Optional<ReviewPeriod> period = periods.of(h);
            start(PdcaCycle.CAMPAIGN, h.id(), period.map(ReviewPeriod::from).orElse(null),
                    period.map(ReviewPeriod::to).orElse(null), null, h.handedOverBy());
        } else {
            start(PdcaCycle.CRISIS, h.id(), null, null, null, h.handedOverBy());
        }
    }
}
