package io.complaintflow.testdb;

import java.util.UUID;

/**
 * The database the tests of this JVM run on. The default surefire run uses in-memory H2; the second run
 * ({@code -Dcomplaintflow.test.database=postgres}) uses PostgreSQL, each test database created fresh.
 */
public final class TestDatabase {

    public static final String SELECTOR = "complaintflow.test.database";

    private static DatabaseCoordinates suite;

    private TestDatabase() {
    }

    public static boolean postgresRun() {
        return "postgres".equalsIgnoreCase(System.getProperty(SELECTOR));
    }

    /** The database of the shared Spring context; created once per JVM. */
    public static synchronized DatabaseCoordinates suite() {
        if (suite == null) {
            suite = fresh("suite");
        }
        return suite;
    }

    /** A new, empty database of its own, e.g. for the nodes of a cluster test. */
    public static DatabaseCoordinates fresh(String purpose) {
        if (postgresRun()) {
            return PostgresServer.get().createDatabase(purpose);
        }
        // a named in-memory H2 database is one database for every connection of this JVM
        return new DatabaseCoordinates("jdbc:h2:mem:" + purpose + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
    }
}
