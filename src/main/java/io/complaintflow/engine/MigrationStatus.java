package io.complaintflow.engine;

import java.util.List;

/** For process owners: instances left on older versions, and why the migration refused them. */
public record MigrationStatus(List<VersionBacklog> behindLatest, List<MigrationIssue> issues) {
}
