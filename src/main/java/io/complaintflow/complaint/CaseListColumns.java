package io.complaintflow.complaint;

import io.complaintflow.engine.RecordColumns;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * A department part's list columns come from its complaint's record (the business key): the part holds no copy of
 * case number, grade, category or channel (issue #19). Read once per transaction ({@link TransactionReads}): the
 * columns are taken before the department task's own listener runs, which then finds the row in memory.
 */
@Component
class CaseListColumns implements RecordColumns {

    private final ComplaintRepository complaints;

    CaseListColumns(ComplaintRepository complaints) {
        this.complaints = complaints;
    }

    @Override
    public boolean reads(String processDefinitionKey) {
        return ComplaintProcess.DEPARTMENT_KEY.equals(processDefinitionKey);
    }

    @Override
    public Map<String, Object> columns(String processDefinitionKey, String businessKey) {
        if (!reads(processDefinitionKey) || businessKey == null) {
            return Map.of();
        }
        return complaints.find(businessKey).map(CaseListColumns::of).orElse(Map.of());
    }

    static Map<String, Object> of(Complaint c) {
        Map<String, Object> columns = new HashMap<>();
        columns.put(ComplaintProcess.CASE_NUMBER, c.caseNumber());
        columns.put(ComplaintProcess.GRADE, Coded.codeOf(c.grade()));
        columns.put(ComplaintProcess.CATEGORY, Coded.codeOf(c.category()));
        columns.put(ComplaintProcess.CHANNEL, c.channel());
        columns.values().removeIf(Objects::isNull);
        return columns;
    }
}
