package io.complaintflow.pdca;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One PDCA review cycle and, in the report, its actions. */
public record PdcaCycle(long id, String businessKey, String processInstanceId, String trigger, Long handoverId,
                        LocalDate periodFrom, LocalDate periodTo, String analysis, String note, String status,
                        String startedBy, Instant startedAt, String plannedBy, Instant plannedAt,
                        Instant doCompletedAt, Instant observationEndsAt, Instant closedAt, List<PdcaAction> actions) {

    public static final String SCHEDULE = "schedule";
    public static final String MANUAL = "manual";
    public static final String CAMPAIGN = "campaign";
    public static final String CRISIS = "crisis";

    public static final String PLANNING = "PLANNING";
    public static final String DOING = "DOING";
    public static final String OBSERVING = "OBSERVING";
    public static final String CHECKING = "CHECKING";
    public static final String CLOSED = "CLOSED";

    PdcaCycle withActions(List<PdcaAction> list) {
        return new PdcaCycle(id, businessKey, processInstanceId, trigger, handoverId, periodFrom, periodTo, analysis,
                note, status, startedBy, startedAt, plannedBy, plannedAt, doCompletedAt, observationEndsAt, closedAt,
                list);
    }
}
