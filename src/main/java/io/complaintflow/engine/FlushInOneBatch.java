package io.complaintflow.engine;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.springframework.stereotype.Component;

/**
 * The engine flushes a command's rows in pieces of {@value DbEntityManager#BATCH_SIZE} operations (sorted by table),
 * each piece a JDBC batch per table of its own. A table whose rows straddle a piece's end goes as two batches, and
 * PostgreSQL's driver rewrites each batch into multi-row INSERTs of power-of-two sizes: the intake's job, 73
 * operations, sent its 20 activity instances as 8 + 2 + 1 and 8 + 1 rows — five statements instead of 16 + 4
 * (bench/README.md, "the intake's job, one flush"). Here a command's flush goes in pieces of {@value #OPERATIONS}: one
 * batch per table for every command but the largest. The engine's own flush otherwise — order, optimistic locking,
 * failure handling per piece.
 * <p>
 * Its {@link WholeFlush#validateId} checks an inserted row's id as the engine does, but renders the row into the
 * failure's message only when the id is wrong: the engine builds that text for every insert, the row's
 * {@code toString()} with its dates and ids — 8 % of the intake job's CPU (bench/README.md, "the intake's job's
 * CPU, eleventh session").
 */
@Component
public class FlushInOneBatch extends AbstractProcessEnginePlugin {

    /** Operations per piece of a flush; the driver caps a multi-row INSERT at 128 rows itself. */
    static final int OPERATIONS = 1000;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineSessions.replace(configuration, DbEntityManager.class, () -> new WholeFlush(
                Context.getProcessEngineConfiguration().getIdGenerator(),
                Context.getCommandContext().getSession(PersistenceSession.class)));
    }

    /**
     * The engine's entity manager with its flush cut into pieces of {@link #OPERATIONS} instead of 50, and an insert's
     * id checked without rendering the row.
     */
    static final class WholeFlush extends DbEntityManager {

        WholeFlush(IdGenerator ids, PersistenceSession persistence) {
            super(ids, persistence);
        }

        @Override
        protected void validateId(DbEntity entity) {
            String id = entity.getId();
            if (id == null || "*".equals(id)) {
                super.validateId(entity); // the engine's own exception and message
            }
        }

        @Override
        protected void flushDbOperationManager() {
            if (isIgnoreForeignKeysForNextFlush) {
                super.flushDbOperationManager(); // the engine's own handling of a flush without foreign keys
                return;
            }
            List<DbOperation> operations = dbOperationManager.calculateFlush();
            if (operations == null || operations.isEmpty()) {
                return;
            }
            LOG.databaseFlushSummary(operations);
            for (int from = 0; from < operations.size(); from += OPERATIONS) {
                flushDbOperations(operations.subList(from, Math.min(operations.size(), from + OPERATIONS)),
                        operations);
            }
        }
    }
}
