package io.complaintflow.operations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The jobs this node's job executor has locked. Locks of jobs that were running when the database went away are
 * never given back by the engine (the failure handling needs the database too): they would wait out their whole lock
 * time. {@link #releaseLockedBefore} gives back those this node no longer holds ({@link JobsInHand}) — a job that
 * survived the outage, still running or still queued here, keeps its lock, so no other node runs it a second time.
 */
@Component
public class JobLocks {

    /** What a release did: locks given back, and locks kept because this node still holds their jobs. */
    public record Release(int released, int held) {
    }

    private final ProcessEngineConfigurationImpl engine;
    private final JdbcClient jdbc;
    private final JobsInHand inHand;

    public JobLocks(ProcessEngineConfigurationImpl engine, JdbcClient jdbc, JobsInHand inHand) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.inHand = inHand;
    }

    public String owner() {
        return engine.getJobExecutor().getLockOwner();
    }

    public long lockTimeMillis() {
        return engine.getJobExecutor().getLockTimeInMillis();
    }

    /** Jobs locked by this node whose lock was taken before {@code instant}: id → lock expiry. */
    public Map<String, Timestamp> lockedBefore(Instant instant) {
        long lockTime = lockTimeMillis();
        Map<String, Timestamp> locked = new LinkedHashMap<>();
        jdbc.sql("select ID_, LOCK_EXP_TIME_ from " + engine.getDatabaseTablePrefix() + "ACT_RU_JOB"
                        + " where LOCK_OWNER_ = ? and LOCK_EXP_TIME_ < ?")
                .param(owner()).param(new Timestamp(instant.toEpochMilli() + lockTime))
                .query(rs -> {
                    locked.put(rs.getString(1), rs.getTimestamp(2));
                });
        return locked;
    }

    /**
     * Unlocks the jobs locked before {@code instant} that this node no longer holds, so any node's next acquisition
     * takes them. Each unlock is conditional on the lock read: a job this node acquired again meanwhile keeps it.
     */
    public Release releaseLockedBefore(Instant instant) {
        Map<String, Timestamp> locked = lockedBefore(instant);
        Set<String> held = inHand.ids();
        int released = 0;
        for (Map.Entry<String, Timestamp> job : locked.entrySet()) {
            if (!held.contains(job.getKey())) {
                released += jdbc.sql("update " + engine.getDatabaseTablePrefix() + "ACT_RU_JOB"
                                + " set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null, REV_ = REV_ + 1"
                                + " where ID_ = ? and LOCK_OWNER_ = ? and LOCK_EXP_TIME_ = ?")
                        .param(job.getKey()).param(owner()).param(job.getValue()).update();
            }
        }
        return new Release(released, (int) locked.keySet().stream().filter(held::contains).count());
    }
}
