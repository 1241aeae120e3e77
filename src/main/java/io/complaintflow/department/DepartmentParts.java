package io.complaintflow.department;

import io.complaintflow.complaint.ComplaintRepository;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which department a department-handling instance works for, recorded when its first task is created from the
 * call activity's input — afterwards the part's department is read from here, not from a process variable.
 */
@Repository
public class DepartmentParts {

    private final JdbcClient jdbc;
    private final ComplaintRepository complaints;

    public DepartmentParts(JdbcClient jdbc, ComplaintRepository complaints) {
        this.jdbc = jdbc;
        this.complaints = complaints;
    }

    /** Written by the table's owner, complaint/ (docs/design.md, "One writer per table"). */
    public void link(String caseNumber, String department, String partInstanceId) {
        complaints.linkDepartmentPart(caseNumber, department, partInstanceId);
    }

    public Optional<String> departmentOf(String partInstanceId) {
        return jdbc.sql("select department from complaint_department where part_instance_id = ?")
                .param(partInstanceId).query(String.class).optional();
    }
}
