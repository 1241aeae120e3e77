package io.complaintflow.complaint;

import java.util.Map;

/** Adds read-only view variables of another feature to the case file every task form of the complaint shows. */
public interface CaseFileContributor {

    Map<String, Object> variables(Complaint complaint);
}
