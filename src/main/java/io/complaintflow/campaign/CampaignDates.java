package io.complaintflow.campaign;

import java.time.Instant;

/**
 * One year's campaign calendar: preparation from {@code start}, battle (the 3·15 peak) from {@code battleStarts},
 * the media watch on the evening of 15 March, aftermath (regulator batches) from {@code aftermathStarts} until
 * {@code aftermathEnds}.
 */
public record CampaignDates(int year, Instant start, Instant preparationEnds, Instant battleStarts,
                            Instant mediaWatch, Instant aftermathStarts, Instant aftermathEnds) {

    /** The SLA table's phase at {@code at}: pre, peak, post, or none outside the campaign. */
    public String phaseAt(Instant at) {
        if (at.isBefore(start) || !at.isBefore(aftermathEnds)) {
            return CampaignPhase.NONE;
        }
        if (at.isBefore(battleStarts)) {
            return CampaignPhase.PRE;
        }
        return at.isBefore(aftermathStarts) ? CampaignPhase.PEAK : CampaignPhase.POST;
    }
}
