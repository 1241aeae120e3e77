package io.complaintflow.sla;

public enum ClockState {
    RUNNING, PAUSED, FULFILLED, BREACHED
}
