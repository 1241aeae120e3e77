package io.complaintflow.surge;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One surge response as recorded: who or what started it, the levels it called, when it stood down. */
public record SurgeActivation(long id, String businessKey, String processInstanceId, String trigger, String startedBy,
                              String reason, int startLevel, int maxLevel, Long windowCount, BigDecimal baseline,
                              Instant holdUntil, Instant startedAt, Instant endedAt, String endReason,
                              List<Level> levels) {

    public static final String MONITOR = "MONITOR";
    public static final String MANUAL = "MANUAL";

    public record Level(int level, String rosterGroup, Instant calledAt, Long windowCount, BigDecimal baseline,
                        String coordinatedBy, Instant coordinatedAt, Integer staffCount, String note) {
    }
}
