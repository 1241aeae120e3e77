package io.complaintflow.web;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/** Reads a database failure for what it says about the request, without ever showing its text to a client. */
final class DatabaseRefusal {

    private DatabaseRefusal() {
    }

    /**
     * SQLSTATE class 22 ("data exception": a string too long, a number out of range, a character the column cannot
     * hold) anywhere in the cause chain: the request's values were wrong, not the database.
     */
    static boolean isBadValue(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql) {
                SQLException s = sql;
                for (int i = 0; s != null && i < 20; i++, s = s.getNextException()) {
                    if (s.getSQLState() != null && s.getSQLState().startsWith("22")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
