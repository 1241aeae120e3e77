package io.complaintflow.sla;

public enum DeadlineState {
    RUNNING, PAUSED, FULFILLED, BREACHED
}
