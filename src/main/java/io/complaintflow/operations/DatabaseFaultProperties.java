package io.complaintflow.operations;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.database.*}: what a node does while its database is away (docs/operations.md, "Mail and
 * database faults").
 *
 * @param retryAfter    the {@code Retry-After} of the 503 a request gets while no connection can be had
 * @param watch         this node watches its database and releases its job locks when it comes back
 * @param watchInterval how often the watcher asks the database (over its own connection, not the pool's)
 * @param releaseGrace  after the database is back, jobs this node locked before it went away and no longer holds are
 *                      released once this has passed (its job threads have settled by then); a job it still runs or
 *                      has queued keeps its lock however long it takes ({@link JobsInHand})
 */
@Validated
@ConfigurationProperties("complaintflow.database")
public record DatabaseFaultProperties(
        @DefaultValue("PT5S") @Positive Duration retryAfter,
        @DefaultValue("true") boolean watch,
        @DefaultValue("PT2S") @Positive Duration watchInterval,
        @DefaultValue("PT10S") @Positive Duration releaseGrace) {
}
