package io.complaintflow.department;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which department a department-handling instance works for, recorded when its first task is created from the
 * call activity's input — afterwards the part's department is read from here, not from a process variable. Written
 * by the table's owner, complaint/ ({@code ComplaintRepository.assignDepartment}, docs/design.md "One writer per
 * table").
 */
@Repository
public class DepartmentParts {

    private final JdbcClient jdbc;
    public DepartmentParts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> departmentOf(String partInstanceId) {
        return jdbc.sql("select department from complaint_department where part_instance_id = ?")
                .param(partInstanceId).query(String.class).optional();
    }
}
