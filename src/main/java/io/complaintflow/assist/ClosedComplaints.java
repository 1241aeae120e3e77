package io.complaintflow.assist;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The closed complaints the classifier learns from: text, final category, grade and lead department. */
@Repository
public class ClosedComplaints {

    private final JdbcClient jdbc;

    public ClosedComplaints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The most recently closed first, at most {@code limit}. */
    public List<LabelledComplaint> recent(int limit) {
        // every closed complaint has closed_at (ComplaintRepository.close); saying so lets PostgreSQL read the newest
        // from ix_complaint_closed_cause, which holds only rows with a closed_at (V105)
        return jdbc.sql("""
                        select c.case_number, c.customer_name, c.subject, c.description, c.category, c.grade, c.resolution,
                               (select min(d.department) from complaint_department d
                                 where d.case_number = c.case_number and d.is_lead = true) as lead_department
                          from complaint c
                         where c.status = 'CLOSED' and c.closed_at is not null and c.category is not null
                           and c.grade is not null
                         order by c.closed_at desc, c.case_number desc
                         limit ?""")
                .param(limit)
                .query((rs, n) -> {
                    String category = rs.getString("category");
                    String lead = rs.getString("lead_department");
                    return new LabelledComplaint(rs.getString("case_number"), rs.getString("subject"),
                            rs.getString("description"), category,
                            lead != null ? lead : KeywordBaseline.LEAD_DEPARTMENT.getOrDefault(category, "after-sales"),
                            rs.getString("grade"), rs.getString("resolution"), rs.getString("customer_name"));
                })
                .list();
    }
}
