package io.complaintflow.operations;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * "No connection can be had" — the database is away (or the pool exhausted, which looks the same to a request) — as
 * 503 problem+json with {@code Retry-After}: nothing was stored, try again soon. Anything else is not ours.
 */
final class DatabaseUnavailable {

    static final String TYPE = "https://complaintflow.io/problems/database-unavailable";

    private DatabaseUnavailable() {
    }

    /** True when somewhere in the cause chain a connection could not be had or was lost. */
    static boolean causes(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof CannotCreateTransactionException && connectionCause(t)) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true; // connection exception class; PostgreSQL's admin shutdown / cannot connect now
            }
        }
        return false;
    }

    private static boolean connectionCause(Throwable t) {
        for (Throwable c = t.getCause(); c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    static void write(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"" + TYPE + "\",\"title\":\"暂时无法处理\",\"status\":503,"
                + "\"detail\":\"数据库暂时不可用，未保存任何内容，请在 " + retryAfterSeconds + " 秒后重试\"}");
        response.flushBuffer();
    }
}
