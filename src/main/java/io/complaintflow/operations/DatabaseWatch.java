package io.complaintflow.operations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Properties;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * Notices when this node's database goes away and comes back. When it is back, the jobs this node had locked before it
 * went away are released ({@link JobLocks}) after {@code release-grace} — so they run within seconds on whichever node
 * acquires first, instead of after their whole lock time (issue #18: 5 minutes, both nodes alive). A job this node
 * still holds (it survived the outage and is running, or waits in this node's queue) keeps its lock: it is released
 * at a later look, once it is no longer held and still locked — never while it could still run here.
 */
public class DatabaseWatch {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWatch.class);

    private final DatabaseProbe probe;
    private final JobLocks locks;
    private final DatabaseFaultProperties settings;
    /** Start of the last outage whose locks are not all given back yet; null when settled. */
    private Instant awaySince;
    private Instant backSince;
    private int heldReported;

    public DatabaseWatch(DatabaseProbe probe, JobLocks locks, DatabaseFaultProperties settings) {
        this.probe = probe;
        this.locks = locks;
        this.settings = settings;
    }

    /** One look; returns how many job locks it released. */
    public synchronized int check() {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        if (!probe.reachable()) {
            if (awaySince == null || backSince != null) {
                awaySince = now; // locks taken before this outage are released when it is over
                LOG.warn("Database unreachable: requests get 503, this node's jobs wait; locks of jobs this node took"
                        + " before now are released once it is back");
            }
            backSince = null;
            return 0;
        }
        if (awaySince == null) {
            return 0;
        }
        if (backSince == null) {
            backSince = now;
            LOG.info("Database back after {} s", now.getEpochSecond() - awaySince.getEpochSecond());
        }
        if (now.isBefore(backSince.plus(settings.releaseGrace()))) {
            return 0;
        }
        JobLocks.Release release = locks.releaseLockedBefore(awaySince);
        if (release.released() > 0 || release.held() != heldReported) {
            LOG.info("Released {} job locks of this node ({}) taken before the database went away; kept {} of jobs"
                    + " this node still runs or has queued", release.released(), locks.owner(), release.held());
        }
        heldReported = release.held();
        if (release.held() == 0) {
            awaySince = null;
            backSince = null;
        }
        return release.released();
    }

    /** Away, or back with locks from before the outage not all given back yet. */
    public synchronized boolean away() {
        return awaySince != null;
    }

    /**
     * The real probe: one JDBC connection of its own to the configured URL with short timeouts (not one of the pool's:
     * a busy pool is not an absent database), kept open and checked with {@code isValid}, opened again when lost.
     */
    static DatabaseProbe jdbc(DataSourceProperties dataSource) {
        return new DatabaseProbe() {
            private Connection connection;

            @Override
            public synchronized boolean reachable() {
                try {
                    if (connection != null && connection.isValid(3)) {
                        return true;
                    }
                } catch (Exception e) {
                    // lost: opened again below
                }
                close();
                try {
                    connection = DriverManager.getConnection(dataSource.determineUrl(), properties(dataSource));
                    return connection.isValid(3);
                } catch (Exception e) {
                    close();
                    return false;
                }
            }

            private void close() {
                try {
                    if (connection != null) {
                        connection.close();
                    }
                } catch (Exception ignored) {
                    // already gone
                }
                connection = null;
            }
        };
    }

    private static Properties properties(DataSourceProperties dataSource) {
        Properties properties = new Properties();
        String user = dataSource.determineUsername();
        if (user != null) {
            properties.setProperty("user", user);
        }
        String password = dataSource.determinePassword();
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (dataSource.determineUrl().startsWith("jdbc:postgresql:")) {
            properties.setProperty("connectTimeout", "3");
            properties.setProperty("socketTimeout", "5");
            properties.setProperty("loginTimeout", "3");
            properties.setProperty("ApplicationName", "complaintflow-database-watch");
        }
        return properties;
    }
}
