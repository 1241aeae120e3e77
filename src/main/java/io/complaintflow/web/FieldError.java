package io.complaintflow.web;

/** One rejected field of a request: its JSON path and why. */
public record FieldError(String field, String message) {
}
