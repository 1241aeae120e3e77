package io.complaintflow.engine;

import java.util.List;

/** What happened to the running instances of one older version when a newer one was deployed. */
public record DefinitionMigration(String processKey, int fromVersion, int toVersion, int migrated,
                                  List<MigrationIssue> notMigrated) {
}
