package io.complaintflow.operations;

/**
 * One thing operators and managers should know about the installation, shown as a banner on the Cockpit dashboard:
 * {@code kind} (calendar, mail), {@code text} in Chinese, and what to do.
 */
public record Notice(String kind, String text, String action) {
}
