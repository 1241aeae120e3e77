package io.complaintflow.web;

import java.util.List;

/** Bad input: nothing was stored. Rendered as problem+json with one entry per field. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super("Invalid request: " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
