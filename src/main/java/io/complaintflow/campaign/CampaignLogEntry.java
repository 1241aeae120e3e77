package io.complaintflow.campaign;

import java.time.Instant;

/** Something the campaign's people did: a readiness item, the media watch, a backlog review, a regulator batch. */
public record CampaignLogEntry(long id, Instant at, String actor, String kind, String summary, String detail,
                               String regulator, String batchRef, Integer batchSize) {

    public static final String READINESS = "READINESS";
    public static final String BACKLOG = "BACKLOG";
    public static final String MEDIA_WATCH = "MEDIA_WATCH";
    public static final String REGULATOR_BATCH = "REGULATOR_BATCH";
    public static final String PHASE = "PHASE";
    public static final String REPORT = "REPORT";
}
