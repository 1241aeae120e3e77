package io.complaintflow.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** The engine's clock (tests move it), and instants to and from {@code timestamp with time zone} columns. */
final class EngineTime {

    private EngineTime() {
    }

    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
