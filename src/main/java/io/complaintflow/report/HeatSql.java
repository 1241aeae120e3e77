package io.complaintflow.report;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A statement with positional parameters and the view's filter appended as further conditions. */
final class HeatSql {

    private final StringBuilder text;
    private final List<Object> params = new ArrayList<>();

    HeatSql(String text) {
        this.text = new StringBuilder(text);
    }

    void params(Object... values) {
        params.addAll(List.of(values));
    }

    HeatSql filter(HeatFilter f) {
        complaintColumns(f);
        if (f.department() != null) {
            // a department's own process: that department; the complaint's process: a department it involves
            text.append(" and (dep.text_ = ? or (dep.text_ is null and exists (select 1 from complaint_department d"
                    + " where d.case_number = c.case_number and d.department = ?)))");
            params.add(f.department());
            params.add(f.department());
        }
        if (f.any()) {
            text.append(" and c.case_number is not null");
        }
        return this;
    }

    /** Grade, channel and regulator: columns of the complaint record ({@code c}) in both readings. */
    private void complaintColumns(HeatFilter f) {
        if (f.grade() != null) {
            text.append(" and c.grade = ?");
            params.add(f.grade());
        }
        if (f.channel() != null) {
            text.append(" and c.channel = ?");
            params.add(f.channel());
        }
        if (f.regulator() != null) {
            text.append(" and c.regulator = ?");
            params.add(f.regulator());
        }
    }

    /**
     * The filter on open stays: the complaint's values as they are now, as {@link #filter} reads them — its grade,
     * channel and regulator from one index of the complaint (V87: each leads with one of them and holds the others
     * and the case number), its departments from {@code ix_complaint_department_dept}; by subquery, so that the stays
     * are not joined with the complaint table row by row (each set is read once and hashed).
     */
    HeatSql filterOpen(HeatFilter f) {
        return filterOpen(f, false);
    }

    /**
     * The same; {@code few}: the stays are few (the marked ones), so each looks its complaint up by primary key
     * instead of the whole set of a filter's complaints being read and hashed.
     */
    HeatSql filterOpen(HeatFilter f, boolean few) {
        if (f.needsComplaint()) {
            text.append(few ? " and exists (select 1 from complaint c where c.case_number = os.case_number"
                    : " and os.case_number in (select c.case_number from complaint c where 1 = 1");
            complaintColumns(f);
            text.append(")");
        }
        if (f.department() != null) {
            text.append(" and (os.department = ? or (os.department is null and " + (few
                    ? "exists (select 1 from complaint_department d where d.case_number = os.case_number and"
                            + " d.department = ?)))"
                    : "os.case_number in (select d.case_number from complaint_department d where d.department = ?)))"));
            params.add(f.department());
            params.add(f.department());
        }
        if (f.any()) {
            text.append(" and os.case_number is not null");
        }
        return this;
    }

    /** The statement so far inside {@code before … after} (parameters of {@code after} added last). */
    void wrap(String before, String after) {
        text.insert(0, before).append(after);
    }

    HeatSql append(String more) {
        text.append(more);
        return this;
    }

    /** Text before the statement, with its parameters (e.g. a {@code with} clause). */
    void prepend(String before, Object... values) {
        text.insert(0, before);
        params.addAll(0, List.of(values));
    }

    /** Another statement's text and parameters after this one's. */
    HeatSql append(HeatSql more) {
        text.append(more.text);
        params.addAll(more.params);
        return this;
    }

    void query(JdbcClient jdbc, org.springframework.jdbc.core.RowCallbackHandler rows) {
        jdbc.sql(text.toString()).params(params).query(rows);
    }
}
