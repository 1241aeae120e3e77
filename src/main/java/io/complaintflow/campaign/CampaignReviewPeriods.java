package io.complaintflow.campaign;

import io.complaintflow.pdca.PdcaHandover;
import io.complaintflow.pdca.ReviewPeriods;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A campaign review covers the period of its year's campaign run (the year ends the handover's business key). */
@Component
class CampaignReviewPeriods implements ReviewPeriods {

    private final CampaignRuns campaigns;

    CampaignReviewPeriods(CampaignRuns campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public Optional<ReviewPeriod> of(PdcaHandover handover) {
        return year(handover.sourceRef()).flatMap(campaigns::findByYear)
                .map(run -> new ReviewPeriod(run.periodFrom(), run.periodTo()));
    }

    private static Optional<Integer> year(String sourceRef) {
        try {
            return Optional.of(Integer.parseInt(sourceRef.substring(sourceRef.lastIndexOf('-') + 1)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
