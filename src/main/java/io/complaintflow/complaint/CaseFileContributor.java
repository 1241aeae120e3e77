package io.complaintflow.complaint;

import java.util.Map;

/** Adds what another feature shows beside a complaint: options its task forms decide with, texts of the case-file tab. */
public interface CaseFileContributor {

    /**
     * Texts for reference the task forms of models deployed before the 参考 section (issue #19) show as read-only
     * variables; {@link CaseFileAdapter#refresh} keeps them current in the processes of those models only.
     */
    default Map<String, Object> copies(Complaint complaint) {
        return Map.of();
    }

    /**
     * What a form decides with and cannot read anywhere else: the options of a select (Camunda Forms takes them from
     * a variable, {@code valuesKey}); the same for every complaint.
     */
    default Map<String, Object> options() {
        return Map.of();
    }

    /**
     * Texts the Tasklist tab 案卷 shows for reference beside the case ({@code /api/complaints/{caseNumber}/reference}),
     * read when the tab opens: no process holds a copy of them (issue #19).
     */
    default Map<String, String> reference(Complaint complaint) {
        return Map.of();
    }
}
