package io.complaintflow.privacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.h2.api.Trigger;

/**
 * H2's guard of {@code privacy_access_log} ({@link AccessLogAppendOnly}): refuses every UPDATE, and every DELETE of a
 * row younger than the access log's retention. H2 creates it by its class name, hence public with a public
 * constructor.
 */
public class AppendOnlyTrigger implements Trigger {

    private static final int READ_AT = 1;

    public AppendOnlyTrigger() {
        // created by H2
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow == null && oldRow != null && expired(oldRow[READ_AT])) {
            return;
        }
        throw new SQLException(AccessLogAppendOnly.REFUSAL + ": " + (newRow == null ? "DELETE" : "UPDATE")
                + " refused", "42501");
    }

    static boolean expired(Object readAt) {
        Instant at = readAt instanceof OffsetDateTime o ? o.toInstant()
                : readAt instanceof ZonedDateTime z ? z.toInstant()
                : readAt instanceof Timestamp t ? t.toInstant()
                : readAt instanceof Instant i ? i : null;
        return at != null && at.isBefore(OffsetDateTime.now(ZoneOffset.UTC)
                .minusYears(AccessLogAppendOnly.KEPT_YEARS).toInstant());
    }
}
