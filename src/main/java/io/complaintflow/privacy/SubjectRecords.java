package io.complaintflow.privacy;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which complaints are about a customer, and which of them are already anonymised (table {@code privacy_erasure}). */
@Repository
public class SubjectRecords {

    /** A stored phone as digits, without a leading +86 / 0086 is compared in both forms. */
    private static final String PHONE_DIGITS =
            "replace(replace(replace(replace(replace(customer_phone, ' ', ''), '-', ''), '+', ''), '(', ''), ')', '')";

    private final JdbcClient jdbc;

    public SubjectRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> caseNumbers(Subject s) {
        if (s.phone() != null) {
            String d = s.phoneDigits();
            return jdbc.sql("select case_number from complaint where " + PHONE_DIGITS + " in (?, ?, ?)"
                            + " order by created_at, case_number")
                    .params(d, "86" + d, "0086" + d).query(String.class).list();
        }
        if (s.email() != null) {
            return jdbc.sql("select case_number from complaint where lower(customer_email) = lower(?)"
                            + " order by created_at, case_number")
                    .param(s.email()).query(String.class).list();
        }
        return jdbc.sql("select case_number from complaint where customer_id = ? order by created_at, case_number")
                .param(s.customerId()).query(String.class).list();
    }
}
