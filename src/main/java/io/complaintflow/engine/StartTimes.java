package io.complaintflow.engine;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;

/**
 * The start times of the activity, task and process instances this node wrote into history and that have not ended
 * yet, so that their end — which the engine writes with its duration — need not read the start back from the row it
 * inserted (one select per end of a scope started in an earlier command). Bounded: the oldest starts are forgotten
 * first, and a forgotten or never-seen start (another node's, one before a restart) is read from the database as the
 * engine does. A start whose transaction rolled back is never ended and ages out.
 */
final class StartTimes {

    /** ≈ 200 bytes an entry: ≈ 4 MB for the open scopes of some thousand complaints waiting at a task. */
    static final int CAPACITY = 20_000;

    private final Map<String, Date> starts;

    StartTimes(int capacity) {
        this.starts = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Date> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A scope's start event was written. */
    void started(HistoryEvent event, Date start) {
        if (start != null) {
            synchronized (starts) {
                starts.put(key(event), start);
            }
        }
    }

    /** A scope ends: its start time if this node wrote it and still holds it, forgotten now; otherwise null. */
    Date ended(HistoryEvent event) {
        synchronized (starts) {
            return starts.remove(key(event));
        }
    }

    /** As after a restart: every end reads its start from the database. */
    void forget() {
        synchronized (starts) {
            starts.clear();
        }
    }

    int size() {
        synchronized (starts) {
            return starts.size();
        }
    }

    /** Ids are unique per table, not across them: the event's type is part of the key. */
    private static String key(HistoryEvent event) {
        return event.getClass().getSimpleName() + ":" + event.getId();
    }
}
