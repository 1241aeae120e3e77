package io.complaintflow.pdca;

/** Published when a crisis or campaign review is handed over to PDCA for the first time. */
public record PdcaHandedOver(PdcaHandover handover) {
}
