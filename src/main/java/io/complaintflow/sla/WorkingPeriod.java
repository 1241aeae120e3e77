package io.complaintflow.sla;

import java.time.LocalTime;

/** TEMPORARY stand-in until the calendar branch lands (replaced on merge). */
public record WorkingPeriod(LocalTime start, LocalTime end) {
}
