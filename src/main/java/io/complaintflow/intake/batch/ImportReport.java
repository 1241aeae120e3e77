package io.complaintflow.intake.batch;

import io.complaintflow.web.FieldError;
import java.util.List;

/** The result of a batch: counts and one entry per data row, in file order. */
public record ImportReport(String encoding, int rows, int created, int existing, int rejected, List<Row> results) {

    /** {@code row} is the line number in the file (the header is line 1); status created, existing or rejected. */
    public record Row(int row, String status, String caseNumber, String externalRef, List<FieldError> errors) {
    }
}
