package io.complaintflow.sla;

import java.util.List;

/**
 * What one deadline ladder of generation 3 watches: the deadlines of one case. It is the configuration of the
 * ladder's job ({@link DeadlineTimers#LADDER_JOB}), written as {@code <case number>|<deadline>,<deadline>}, so a step
 * knows its case and deadlines without reading a process variable, and {@link DeadlineTimers#rearm} finds which job
 * watches which deadline.
 */
public record LadderWatch(String caseNumber, List<String> deadlines) {

    private static final char SEPARATOR = '|';

    public LadderWatch {
        if (caseNumber == null || caseNumber.isBlank() || caseNumber.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a ladder watches the deadlines of a case, not of '" + caseNumber + "'");
        }
        deadlines = List.copyOf(deadlines);
    }

    /** As the job's configuration holds it. */
    public String canonical() {
        return caseNumber + SEPARATOR + String.join(",", deadlines);
    }

    public static LadderWatch parse(String canonical) {
        int at = canonical.indexOf(SEPARATOR);
        if (at < 0) {
            throw new IllegalArgumentException("not a ladder's watch: " + canonical);
        }
        return new LadderWatch(canonical.substring(0, at), DeadlineTimers.watched(canonical.substring(at + 1)));
    }
}
