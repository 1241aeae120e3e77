package io.complaintflow.complaint;

import java.util.Map;

/** Adds what another feature shows beside a complaint: variables of its task forms, texts of the case-file tab. */
public interface CaseFileContributor {

    /** Read-only view variables every task form of the complaint's lifecycle shows. */
    Map<String, Object> variables(Complaint complaint);

    /**
     * Texts the Tasklist tab 案卷 shows for reference beside the case ({@code /api/complaints/{caseNumber}/reference}),
     * read when the tab opens: a department part holds no copy of them (issue #19).
     */
    default Map<String, String> reference(Complaint complaint) {
        return Map.of();
    }
}
