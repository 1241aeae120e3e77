package io.complaintflow.crisis;

import java.time.Instant;

/** A crisis as recorded: what it is about, who commands it, and how far the response has come. */
public record Crisis(long id, String businessKey, String processInstanceId, String source, String caseNumber,
                     Long massIncidentId, String title, String description, String declaredBy, Instant declaredAt,
                     int commandLevel, String commander, Instant acknowledgedAt, String statement,
                     Instant statementPublishedAt, Instant customerContactedAt, String customerContactNote,
                     String regulatorLiaison, Instant endedAt) {

    /** Why it started: a G4 complaint, a mass incident, by hand, or the 3·15 media watch. */
    public static final String COMPLAINT = "COMPLAINT";
    public static final String MASS_INCIDENT = "MASS_INCIDENT";
    public static final String MANUAL = "MANUAL";
    public static final String CAMPAIGN = "CAMPAIGN";
}
