package io.complaintflow.engine;

import java.time.Instant;

/** A running instance that stayed on an older model version because the migration to the new one was refused. */
public record MigrationIssue(String processInstanceId, String businessKey, String processKey,
                             String sourceDefinitionId, int sourceVersion,
                             String targetDefinitionId, int targetVersion,
                             String reason, Instant recordedAt) {
}
