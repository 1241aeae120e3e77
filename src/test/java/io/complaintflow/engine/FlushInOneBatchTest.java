package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.db.FlushResult;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.junit.jupiter.api.Test;

/** A command's flush reaches the database in one piece, so each table's rows go as one JDBC batch. */
class FlushInOneBatchTest {

    private final List<List<String>> pieces = new ArrayList<>();
    private final PersistenceSession persistence = mock(PersistenceSession.class);

    FlushInOneBatchTest() {
        when(persistence.executeDbOperations(any())).thenAnswer(call -> {
            List<DbOperation> piece = call.getArgument(0);
            pieces.add(piece.stream().map(o -> ((DbEntityOperation) o).getEntity().getId()).toList());
            return FlushResult.allApplied();
        });
    }

    @Test
    void aFlushOfMoreThanFiftyRowsIsOnePieceInTheEnginesOrder() {
        flush(new FlushInOneBatch.WholeFlush(new StrongUuidGenerator(), persistence), 73);
        assertThat(pieces).hasSize(1);
        assertThat(pieces.get(0)).hasSize(73).isSorted();
    }

    @Test
    void theEngineAloneCutsTheSameFlushAfterFiftyRows() {
        flush(new DbEntityManager(new StrongUuidGenerator(), persistence), 73);
        assertThat(pieces).extracting(List::size).containsExactly(50, 23);
    }

    @Test
    void aFlushBeyondAThousandRowsIsCutAtAThousand() {
        flush(new FlushInOneBatch.WholeFlush(new StrongUuidGenerator(), persistence), 2500);
        assertThat(pieces).extracting(List::size).containsExactly(1000, 1000, 500);
        assertThat(pieces.stream().flatMap(List::stream).toList()).hasSize(2500).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void anInsertedRowIsNotRenderedToCheckItsId() {
        RenderCount row = new RenderCount("visit-1");
        new FlushInOneBatch.WholeFlush(new StrongUuidGenerator(), persistence).insert(row);
        assertThat(row.rendered).isZero();
        RenderCount plain = new RenderCount("visit-2");
        new DbEntityManager(new StrongUuidGenerator(), persistence).insert(plain);
        assertThat(plain.rendered).as("the plain engine renders every inserted row").isEqualTo(1);
    }

    @Test
    void theEnginesReservedIdIsRefusedWithTheEnginesMessage() {
        RenderCount row = new RenderCount("*");
        Throwable engines = catchThrowable(() -> new DbEntityManager(new StrongUuidGenerator(), persistence)
                .insert(new RenderCount("*")));
        assertThatThrownBy(() -> new FlushInOneBatch.WholeFlush(new StrongUuidGenerator(), persistence).insert(row))
                .isInstanceOf(ProcessEngineException.class).hasMessage(engines.getMessage());
        assertThat(row.rendered).isEqualTo(1);
    }

    private static void flush(DbEntityManager manager, int rows) {
        for (int i = 0; i < rows; i++) {
            HistoricActivityInstanceEventEntity visit = new HistoricActivityInstanceEventEntity();
            visit.setId("visit-%05d".formatted(i));
            manager.insert(visit);
        }
        manager.flush();
    }

    /** A history row that counts how often it is rendered as text. */
    private static final class RenderCount extends HistoricActivityInstanceEventEntity {
        int rendered;

        RenderCount(String id) {
            setId(id);
        }

        @Override
        public String toString() {
            rendered++;
            return "RenderCount[" + getId() + "]";
        }
    }
}
