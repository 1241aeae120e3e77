package io.complaintflow.pdca;

import java.time.Instant;

/** A review handed over to PDCA (crisis review, 3·15 campaign review), waiting for the pdca-review process. */
public record PdcaHandover(long id, String source, String sourceRef, String title, String findings,
                           String improvements, String handedOverBy, Instant handedOverAt, Instant pickedUpAt,
                           String pickedUpBy) {

    public static final String CRISIS = "CRISIS";
    public static final String CAMPAIGN = "CAMPAIGN";
}
