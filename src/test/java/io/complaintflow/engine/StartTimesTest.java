package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.junit.jupiter.api.Test;

/** The remembered start times: taken once at the end, per table, the oldest forgotten first beyond the bound. */
class StartTimesTest {

    @Test
    void aStartIsTakenOnceAtItsEndAndTheOldestAreForgottenFirst() {
        StartTimes starts = new StartTimes(2);
        starts.started(activity("a1"), new Date(1));
        starts.started(task("a1"), new Date(2));
        assertThat(starts.ended(activity("a1"))).as("ids are per table").isEqualTo(new Date(1));
        assertThat(starts.ended(activity("a1"))).as("taken once").isNull();

        starts.started(activity("a2"), new Date(3));
        starts.started(activity("a3"), new Date(4));
        assertThat(starts.size()).isEqualTo(2);
        assertThat(starts.ended(task("a1"))).as("the oldest went first").isNull();
        assertThat(starts.ended(activity("a3"))).isEqualTo(new Date(4));
        starts.started(activity("a4"), null);
        assertThat(starts.ended(activity("a4"))).as("no start, nothing held").isNull();
    }

    private static HistoryEvent activity(String id) {
        HistoricActivityInstanceEventEntity event = new HistoricActivityInstanceEventEntity();
        event.setId(id);
        return event;
    }

    private static HistoryEvent task(String id) {
        HistoricTaskInstanceEventEntity event = new HistoricTaskInstanceEventEntity();
        event.setId(id);
        return event;
    }
}
