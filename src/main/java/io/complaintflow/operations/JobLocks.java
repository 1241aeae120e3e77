package io.complaintflow.operations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The jobs this node's job executor has locked. Locks of jobs that were running when the database went away are
 * never given back by the engine (the failure handling needs the database too): they would wait out their whole lock
 * time. {@link #releaseLockedBefore} gives them back through the engine's own unlock command.
 */
@Component
public class JobLocks {

    private final ProcessEngineConfigurationImpl engine;
    private final JdbcClient jdbc;

    public JobLocks(ProcessEngineConfigurationImpl engine, JdbcClient jdbc) {
        this.engine = engine;
        this.jdbc = jdbc;
    }

    public String owner() {
        return engine.getJobExecutor().getLockOwner();
    }

    public long lockTimeMillis() {
        return engine.getJobExecutor().getLockTimeInMillis();
    }

    /** Jobs locked by this node whose lock was taken before {@code instant}; their ids. */
    public List<String> lockedBefore(Instant instant) {
        long lockTime = lockTimeMillis();
        return jdbc.sql("select ID_ from " + engine.getDatabaseTablePrefix() + "ACT_RU_JOB"
                        + " where LOCK_OWNER_ = ? and LOCK_EXP_TIME_ < ?")
                .param(owner()).param(new Timestamp(instant.toEpochMilli() + lockTime))
                .query(String.class).list();
    }

    /** Unlocks those jobs, so any node's next acquisition takes them; how many. */
    public int releaseLockedBefore(Instant instant) {
        List<String> jobs = lockedBefore(instant);
        jobs.forEach(id -> engine.getCommandExecutorTxRequired().execute(new UnlockJobCmd(id)));
        return jobs.size();
    }
}
