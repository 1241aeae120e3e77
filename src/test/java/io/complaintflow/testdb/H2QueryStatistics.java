package io.complaintflow.testdb;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How often a step ran statements of a given shape, from H2's query statistics: a test that a change saves a read
 * counts the read. PostgreSQL keeps no such per-session statistics, so there the step runs and 0 is returned; the
 * tests assert the count on the H2 pass.
 */
public final class H2QueryStatistics {

    /** A step of a test, which may throw what the code under test throws. */
    public interface Step {
        void run() throws Exception;
    }

    private H2QueryStatistics() {
    }

    /** Executions during {@code step} of statements whose lower-cased text is {@code like} (an SQL LIKE pattern). */
    public static long executions(JdbcClient jdbc, String like, Step step) throws Exception {
        if (TestDatabase.postgresRun()) {
            step.run();
            return 0;
        }
        return onH2(jdbc, like, step);
    }

    /** The same on a database known to be H2 whatever the pass (e.g. a test's own in-memory engine). */
    public static long onH2(JdbcClient jdbc, String like, Step step) throws Exception {
        jdbc.sql("set query_statistics_max_entries 10000").update();
        jdbc.sql("set query_statistics false").update();
        jdbc.sql("set query_statistics true").update();
        try {
            step.run();
            return jdbc.sql("select coalesce(sum(execution_count), 0) from information_schema.query_statistics"
                            + " where lower(sql_statement) like ? and lower(sql_statement) not like '%query_statistics%'")
                    .param(like).query(Long.class).single();
        } finally {
            jdbc.sql("set query_statistics false").update();
        }
    }
}
