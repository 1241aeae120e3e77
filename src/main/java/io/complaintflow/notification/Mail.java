package io.complaintflow.notification;

import java.util.List;

/** A mail ready to send: recipients, subject and an HTML body whose every inserted value is already escaped. */
public record Mail(List<String> to, String subject, String html) {
}
