package io.complaintflow.mass;

/** A mass incident raised to G4: it gets one crisis response (the crisis feature listens). */
public record MassIncidentCritical(MassIncident incident) {
}
