package io.complaintflow.pdca;

import io.complaintflow.campaign.CampaignRun;
import io.complaintflow.campaign.CampaignRuns;
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
    private final CampaignRuns campaigns;

    public PdcaReviews(RuntimeService runtime, PdcaCycles cycles, CampaignRuns campaigns) {
        this.runtime = runtime;
        this.cycles = cycles;
        this.campaigns = campaigns;
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
            Optional<CampaignRun> run = year(h.sourceRef()).flatMap(campaigns::findByYear);
            start(PdcaCycle.CAMPAIGN, h.id(), run.map(CampaignRun::periodFrom).orElse(null),
                    run.map(CampaignRun::periodTo).orElse(null), null, h.handedOverBy());
        } else {
            start(PdcaCycle.CRISIS, h.id(), null, null, null, h.handedOverBy());
        }
    }

    private static Optional<Integer> year(String sourceRef) {
        try {
            return Optional.of(Integer.parseInt(sourceRef.substring(sourceRef.lastIndexOf('-') + 1)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
