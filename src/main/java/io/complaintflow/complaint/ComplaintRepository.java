package io.complaintflow.complaint;

import static io.complaintflow.complaint.Timestamps.instant;
import static io.complaintflow.complaint.Timestamps.odt;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ComplaintRepository implements PersonalRecords {

    private static final RowMapper<Complaint> COMPLAINT = ComplaintRepository::mapComplaint;

    private final JdbcClient jdbc;
    private final boolean postgres;
    private final PendingColumns pending = new PendingColumns(this::writeColumns);

    public ComplaintRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                    .contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database product", e);
        }
    }

    /**
     * A write that hands back the row it wrote (PostgreSQL's {@code RETURNING}, H2's data-change delta table): the
     * row as it stands until the transaction ends (the write holds its lock), so the transaction's next read is
     * answered from memory instead of reading it again.
     */
    private String returning(String write) {
        return postgres ? write + " returning *" : "select * from final table (" + write + ")";
    }

    private static void written(Complaint row) {
        TransactionReads.written(row);
    }

    public void insert(Complaint c) {
        TransactionReads.forget(c.caseNumber());
        written(jdbc.sql(returning("""
                insert into complaint (case_number, channel, external_ref, regulator, regulator_deadline,
                  customer_name, customer_phone, customer_email, customer_id, customer_vip,
                  category, product, subject, description, amount_claimed, occurred_at, resolved_at_intake,
                  status, grade, repeat_count, repeat_of, resolution, created_at, updated_at)
                values (:caseNumber, :channel, :externalRef, :regulator, :regulatorDeadline,
                  :name, :phone, :email, :customerId, :vip,
                  :category, :product, :subject, :description, :amountClaimed, :occurredAt, :resolvedAtIntake,
                  :status, :grade, :repeatCount, :repeatOf, :resolution, :createdAt, :createdAt)"""))
                .param("caseNumber", c.caseNumber())
                .param("channel", c.channel())
                .param("externalRef", c.externalRef())
                .param("regulator", c.regulator())
                .param("regulatorDeadline", odt(c.regulatorDeadline()))
                .param("name", c.customer().name())
                .param("phone", c.customer().phone())
                .param("email", c.customer().email())
                .param("customerId", c.customer().customerId())
                .param("vip", c.customer().vip())
                .param("category", Coded.codeOf(c.category()))
                .param("product", c.product())
                .param("subject", c.subject())
                .param("description", c.description())
                .param("amountClaimed", c.amountClaimed())
                .param("occurredAt", odt(c.occurredAt()))
                .param("resolvedAtIntake", c.resolvedAtIntake())
                .param("status", Coded.codeOf(c.status()))
                .param("grade", Coded.codeOf(c.grade()))
                .param("repeatCount", c.repeatCount())
                .param("repeatOf", c.repeatOf())
                .param("resolution", c.resolution())
                .param("createdAt", odt(c.createdAt()))
                .query(COMPLAINT).single());
    }

    /**
     * Read once per transaction ({@link TransactionReads}); every write below forgets the row, or (insert, status,
     * triage) puts the row it wrote there.
     */
    public Optional<Complaint> find(String caseNumber) {
        pending.flush(caseNumber);
        return TransactionReads.find(caseNumber, () -> jdbc.sql("select * from complaint where case_number = ?")
                .param(caseNumber).query(COMPLAINT).optional());
    }

    /**
     * The complaint with the two things its view adds from the same row — the complaint it was merged into and the
     * closure's cause — in one read (the API's {@code GET /api/complaints/{caseNumber}} read the row twice for them).
     * The row it read answers the transaction's next {@link #find}.
     */
    public Optional<Viewed> findViewed(String caseNumber) {
        pending.flush(caseNumber);
        Optional<Viewed> found = jdbc.sql("select * from complaint where case_number = ?").param(caseNumber)
                .query((rs, row) -> new Viewed(mapComplaint(rs, row), rs.getString("merged_into"), closure(rs)))
                .optional();
        found.ifPresent(v -> written(v.complaint()));
        return found;
    }

    /** A complaint as {@link #findViewed} read it. */
    public record Viewed(Complaint complaint, String mergedInto, Closure closure) {
    }

    /** The closure's cause the row holds, or null before one is recorded. */
    static Closure closure(ResultSet rs) throws SQLException {
        if (rs.getString("root_cause") == null) {
            return null;
        }
        boolean preventable = rs.getBoolean("preventable");
        return new Closure(rs.getString("root_cause"), rs.getString("responsible_department"),
                rs.wasNull() ? null : preventable);
    }

    public Optional<Complaint> findByExternalRef(String channel, String externalRef) {
        pending.flushAll();
        return jdbc.sql("select * from complaint where channel = ? and external_ref = ?")
                .param(channel).param(externalRef).query(COMPLAINT).optional();
    }

    /** The same customer's complaints since {@code since}, newest first (matched by customer id or phone). */
    public List<String> recentCaseNumbersOfCustomer(String customerId, String phone, Instant since) {
        pending.flushAll();
        List<String> found = new ArrayList<>();
        if (customerId != null) {
            found.addAll(jdbc.sql("select case_number from complaint where customer_id = ? and created_at >= ?"
                            + " order by created_at desc")
                    .param(customerId).param(odt(since)).query(String.class).list());
        }
        if (phone != null) {
            jdbc.sql("select case_number from complaint where customer_phone = ? and created_at >= ?"
                            + " order by created_at desc")
                    .param(phone).param(odt(since)).query(String.class).list()
                    .stream().filter(n -> !found.contains(n)).forEach(found::add);
        }
        return found;
    }

    /** The status, with whatever this transaction set on the row before (the answer) in the same update. */
    public void updateStatus(String caseNumber, ComplaintStatus status, Instant at) {
        TransactionReads.forget(caseNumber);
        Map<String, Object> columns = new LinkedHashMap<>(pending.take(caseNumber));
        columns.put("status", status.code());
        columns.put("updated_at", odt(at));
        update(caseNumber, columns, true);
    }

    public void updateTriage(String caseNumber, Category category, Grade grade, Instant at) {
        pending.flush(caseNumber);
        TransactionReads.forget(caseNumber);
        jdbc.sql(returning("update complaint set category = ?, grade = ?, updated_at = ? where case_number = ?"))
                .param(Coded.codeOf(category)).param(Coded.codeOf(grade)).param(odt(at)).param(caseNumber)
                .query(COMPLAINT).optional().ifPresent(ComplaintRepository::written);
    }

    /** Adds one to a counter column: transfer_count, rejection_count or reopen_count. */
    public int increment(String caseNumber, Counter counter, Instant at) {
        String column = counter.column;
        pending.flush(caseNumber);
        TransactionReads.forget(caseNumber);
        jdbc.sql("update complaint set " + column + " = " + column + " + 1, updated_at = ? where case_number = ?")
                .param(odt(at)).param(caseNumber).update();
        return jdbc.sql("select " + column + " from complaint where case_number = ?")
                .param(caseNumber).query(Integer.class).single();
    }

    /** The answer and its compensation: held until the row's next write in this transaction ({@link PendingColumns}). */
    public void recordResolution(String caseNumber, String resolution, BigDecimal compensation, Instant at) {
        TransactionReads.forget(caseNumber);
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("resolution", resolution);
        columns.put("compensation", compensation);
        columns.put("updated_at", odt(at));
        if (!pending.hold(caseNumber, columns)) {
            update(caseNumber, columns, false);
        }
    }

    /** Closed, with the closure's cause (and anything else this transaction set on the row) in the same update. */
    public void close(String caseNumber, Instant at) {
        TransactionReads.forget(caseNumber);
        Map<String, Object> columns = new LinkedHashMap<>(pending.take(caseNumber));
        columns.put("status", ComplaintStatus.CLOSED.code());
        columns.put("closed_at", odt(at));
        columns.put("updated_at", odt(at));
        update(caseNumber, columns, true);
    }

    /** {@code duplicate} is merged into {@code into} (duplicate/MergeService has checked that both may be). */
    public void markMerged(String duplicate, String into) {
        pending.flush(duplicate);
        TransactionReads.forget(duplicate);
        jdbc.sql("update complaint set merged_into = ? where case_number = ?").param(into).param(duplicate).update();
    }

    /**
     * What the closing form says caused the complaint (resolution/ClosureCauses has checked it): held until the row's
     * next write in this transaction — the closure that follows the form — or its commit ({@link PendingColumns}).
     */
    public void recordClosureCause(String caseNumber, String rootCause, String responsibleDepartment,
                                   boolean preventable) {
        TransactionReads.forget(caseNumber);
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("root_cause", rootCause);
        columns.put("responsible_department", responsibleDepartment);
        columns.put("preventable", preventable);
        if (!pending.hold(caseNumber, columns)) {
            update(caseNumber, columns, false);
        }
    }

    /** The closure's cause as recorded, in this transaction too; empty if none is. */
    public Optional<ClosureColumns> closureCause(String caseNumber) {
        Map<String, Object> held = pending.peek(caseNumber);
        if (held.get("root_cause") instanceof String rootCause) {
            return Optional.of(new ClosureColumns(rootCause, (String) held.get("responsible_department"),
                    Boolean.TRUE.equals(held.get("preventable"))));
        }
        return jdbc.sql("select root_cause, responsible_department, preventable from complaint where case_number = ?")
                .param(caseNumber)
                .query((rs, row) -> rs.getString("root_cause") == null ? null
                        : new ClosureColumns(rs.getString("root_cause"), rs.getString("responsible_department"),
                                rs.getBoolean("preventable")))
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** A closure's cause as the complaint row holds it. */
    public record ClosureColumns(String rootCause, String responsibleDepartment, boolean preventable) {
    }

    /** The row written with these columns in one statement; {@code remember}: the row it hands back answers the transaction's next read. */
    private void update(String caseNumber, Map<String, Object> columns, boolean remember) {
        String set = String.join(" = ?, ", columns.keySet()) + " = ?";
        List<Object> params = new ArrayList<>(columns.values());
        params.add(caseNumber);
        String sql = "update complaint set " + set + " where case_number = ?";
        if (remember) {
            jdbc.sql(returning(sql)).params(params).query(COMPLAINT).optional()
                    .ifPresent(ComplaintRepository::written);
        } else {
            jdbc.sql(sql).params(params).update();
        }
    }

    private void writeColumns(String caseNumber, Map<String, Object> columns) {
        TransactionReads.forget(caseNumber);
        update(caseNumber, columns, false);
    }

    /**
     * The customer's contact details removed and the texts replaced by the scrubbed ones privacy/Erasure gives
     * (docs/privacy.md): what is left of the record names nobody.
     */
    public void anonymise(String caseNumber, String name, String subject, String description, String resolution) {
        pending.flush(caseNumber);
        TransactionReads.forget(caseNumber);
        jdbc.sql("update complaint set customer_name = ?, customer_phone = null, customer_email = null,"
                        + " customer_id = null, subject = ?, description = ?, resolution = ? where case_number = ?")
                .params(name, subject, description, resolution, caseNumber).update();
    }

    /** The timeline's and the departments' texts of the complaint (erasure looks in them for personal values). */
    @Override
    public List<String> texts(String caseNumber) {
        PendingTimeline.flush(this::insertTimeline); // reads timeline_entry
        List<String> texts = new ArrayList<>(jdbc.sql("select coalesce(summary, '') || ' ' || coalesce(detail, '')"
                + " from timeline_entry where case_number = ?").param(caseNumber).query(String.class).list());
        texts.addAll(jdbc.sql("select coalesce(proposal, '') || ' ' || coalesce(transfer_reason, '') from"
                + " complaint_department where case_number = ?").param(caseNumber).query(String.class).list());
        return texts;
    }

    /** The timeline's entries and the departments' proposals and reasons, scrubbed (the record: {@link #anonymise}). */
    @Override
    public void anonymise(String caseNumber, UnaryOperator<String> scrub) {
        PendingTimeline.flush(this::insertTimeline); // reads timeline_entry
        jdbc.sql("select id, summary, detail from timeline_entry where case_number = ?").param(caseNumber)
                .query((rs, n) -> jdbc.sql("update timeline_entry set summary = ?, detail = ? where id = ?")
                        .params(PersonalRecords.cut(scrub.apply(rs.getString("summary")), 500),
                                PersonalRecords.cut(scrub.apply(rs.getString("detail")), 5000), rs.getLong("id"))
                        .update()).list();
        jdbc.sql("select department, proposal, transfer_reason from complaint_department where case_number = ?")
                .param(caseNumber).query((rs, n) -> jdbc.sql("update complaint_department set proposal = ?,"
                                + " transfer_reason = ? where case_number = ? and department = ?")
                        .params(scrub.apply(rs.getString("proposal")), scrub.apply(rs.getString("transfer_reason")),
                                caseNumber, rs.getString("department")).update()).list();
    }

    public void recordSatisfaction(String caseNumber, int score, boolean resolved, Instant at) {
        pending.flush(caseNumber);
        TransactionReads.forget(caseNumber);
        jdbc.sql("update complaint set satisfaction_score = ?, callback_resolved = ?, updated_at = ?"
                        + " where case_number = ?")
                .param(score).param(resolved).param(odt(at)).param(caseNumber).update();
    }

    /** A department reads what it is or was assigned (or escalated for); an agent or intake client what it filed. */
    private static final String READABLE = "exists (select 1 from complaint_department d where d.case_number = c.case_number"
            + " and d.department in (:readerDepartments))"
            + " or exists (select 1 from escalation e where e.case_number = c.case_number"
            + " and e.department in (:readerDepartments))"
            + " or exists (select 1 from timeline_entry t where t.case_number = c.case_number"
            + " and t.kind = 'ACCEPTED' and t.actor = :reader)";

    public boolean readable(String caseNumber, ReadScope scope) {
        pending.flushAll();
        if (scope.all()) {
            return true;
        }
        PendingTimeline.flush(this::insertTimeline); // reads timeline_entry
        return jdbc.sql("select count(*) from complaint c where c.case_number = :caseNumber and (" + READABLE + ")")
                .param("caseNumber", caseNumber)
                .param("readerDepartments", scope.departments().isEmpty() ? List.of("-") : scope.departments())
                .param("reader", scope.user())
                .query(Long.class).single() > 0;
    }

    public Page<Complaint> search(ComplaintFilter f) {
        pending.flushAll();
        PendingTimeline.flush(this::insertTimeline); // reads timeline_entry
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        addEquals(where, params, "status", Coded.codeOf(f.status()));
        addEquals(where, params, "grade", Coded.codeOf(f.grade()));
        addEquals(where, params, "category", Coded.codeOf(f.category()));
        addEquals(where, params, "channel", f.channel());
        if (!f.caseNumbers().isEmpty()) {
            where.append(" and c.case_number in (:caseNumbers)");
            params.put("caseNumbers", f.caseNumbers());
        }
        if (f.department() != null) {
            where.append(" and exists (select 1 from complaint_department d where d.case_number = c.case_number"
                    + " and d.department = :department)");
            params.put("department", f.department());
        }
        if (f.scope() != null && !f.scope().all()) {
            where.append(" and (").append(READABLE).append(")");
            params.put("readerDepartments", f.scope().departments().isEmpty() ? List.of("-") : f.scope().departments());
            params.put("reader", f.scope().user());
        }
        if (f.from() != null) {
            where.append(" and c.created_at >= :from");
            params.put("from", odt(f.from()));
        }
        if (f.to() != null) {
            where.append(" and c.created_at < :to");
            params.put("to", odt(f.to()));
        }
        long total = jdbc.sql("select count(*) from complaint c" + where).params(params)
                .query(Long.class).single();
        List<Complaint> items = jdbc.sql("select * from complaint c" + where
                        + " order by c.created_at desc, c.case_number desc limit :limit offset :offset")
                .params(params)
                .param("limit", f.size())
                .param("offset", (long) f.page() * f.size())
                .query(COMPLAINT).list();
        return new Page<>(items, f.page(), f.size(), total);
    }

    private static void addEquals(StringBuilder where, Map<String, Object> params, String column, String value) {
        if (value != null) {
            where.append(" and c.").append(column).append(" = :").append(column);
            params.put(column, value);
        }
    }

    // --- departments ---

    public List<DepartmentAssignment> departments(String caseNumber) {
        return jdbc.sql("select * from complaint_department where case_number = ? order by is_lead desc, assigned_at, department")
                .param(caseNumber).query(ComplaintRepository::mapDepartment).list();
    }

    /**
     * Sets who should handle the case next, the first being the lead. Departments dropped from the plan before
     * they started are removed; those that already proposed or sent it back keep their record.
     */
    public void planDepartments(String caseNumber, List<String> departments, Instant at) {
        if (!departments.isEmpty() && firstPlan(caseNumber, departments, at)) {
            return;
        }
        List<DepartmentAssignment> known = departments(caseNumber);
        if (!known.isEmpty()) {
            jdbc.sql("update complaint_department set is_lead = false where case_number = ?").param(caseNumber).update();
        }
        for (DepartmentAssignment existing : known) {
            if (DepartmentAssignment.PLANNED.equals(existing.state()) && !departments.contains(existing.department())) {
                jdbc.sql("delete from complaint_department where case_number = ? and department = ?")
                        .param(caseNumber).param(existing.department()).update();
            }
        }
        for (int i = 0; i < departments.size(); i++) {
            String department = departments.get(i);
            boolean recorded = known.stream().anyMatch(d -> d.department().equals(department));
            int updated = !recorded ? 0 : jdbc.sql("update complaint_department set is_lead = ?, state = 'PLANNED',"
                            + " updated_at = ? where case_number = ? and department = ?")
                    .param(i == 0).param(odt(at)).param(caseNumber).param(department).update();
            if (updated == 0) {
                jdbc.sql("insert into complaint_department (case_number, department, is_lead, state, assigned_at,"
                                + " updated_at) values (?, ?, ?, 'PLANNED', ?, ?)")
                        .param(caseNumber).param(department).param(i == 0).param(odt(at)).param(odt(at)).update();
            }
        }
    }

    /**
     * A case's first plan (the intake's routing) has nothing to demote, delete or update: the lead is inserted only if
     * the case has no department yet, without reading them first; false if it had (the whole plan follows then).
     */
    private boolean firstPlan(String caseNumber, List<String> departments, Instant at) {
        int inserted = jdbc.sql("insert into complaint_department (case_number, department, is_lead, state, assigned_at,"
                        + " updated_at) select ?, ?, true, 'PLANNED', ?, ? where not exists"
                        + " (select 1 from complaint_department where case_number = ?)")
                .param(caseNumber).param(departments.get(0)).param(odt(at)).param(odt(at)).param(caseNumber).update();
        if (inserted == 0) {
            return false;
        }
        for (String department : departments.subList(1, departments.size())) {
            jdbc.sql("insert into complaint_department (case_number, department, is_lead, state, assigned_at,"
                            + " updated_at) values (?, ?, false, 'PLANNED', ?, ?)")
                    .param(caseNumber).param(department).param(odt(at)).param(odt(at)).update();
        }
        return true;
    }

    /**
     * Assigns the department, or hands the case to it again (a re-route or a rejected answer), and records the
     * department-handling instance working for it (department/DepartmentParts reads it back) in the same statement.
     */
    public void assignDepartment(String caseNumber, String department, String partInstanceId, Instant at) {
        int updated = jdbc.sql("update complaint_department set state = 'ASSIGNED', assigned_at = ?, updated_at = ?,"
                        + " part_instance_id = ? where case_number = ? and department = ?")
                .param(odt(at)).param(odt(at)).param(partInstanceId).param(caseNumber).param(department).update();
        if (updated == 0) {
            jdbc.sql("insert into complaint_department (case_number, department, is_lead, state, assigned_at,"
                            + " updated_at, part_instance_id) values (?, ?, false, 'ASSIGNED', ?, ?, ?)")
                    .param(caseNumber).param(department).param(odt(at)).param(odt(at)).param(partInstanceId).update();
        }
    }

    public void recordProposal(String caseNumber, String department, String proposal, BigDecimal compensation,
                               String rootCause, Instant at) {
        jdbc.sql("update complaint_department set state = 'PROPOSED', proposal = ?, compensation = ?, root_cause = ?,"
                        + " transfer_reason = null, updated_at = ? where case_number = ? and department = ?")
                .param(proposal).param(compensation).param(rootCause).param(odt(at))
                .param(caseNumber).param(department).update();
    }

    public void recordTransfer(String caseNumber, String department, String reason, Instant at) {
        jdbc.sql("update complaint_department set state = 'TRANSFERRED', transfer_reason = ?, updated_at = ?"
                        + " where case_number = ? and department = ?")
                .param(reason).param(odt(at)).param(caseNumber).param(department).update();
    }

    // --- timeline ---

    /** Written with the transaction's other entries before it commits, or before it reads the timeline. */
    public void addTimelineEntry(String caseNumber, Instant at, String actor, String kind, String summary,
                                 String detail) {
        PendingTimeline.add(this::insertTimeline,
                new PendingTimeline.Entry(caseNumber, odt(at), actor, kind, summary, detail));
    }

    private void insertTimeline(List<PendingTimeline.Entry> rows) {
        StringBuilder sql = new StringBuilder(
                "insert into timeline_entry (case_number, occurred_at, actor, kind, summary, detail) values ");
        List<Object> params = new ArrayList<>(rows.size() * 6);
        for (PendingTimeline.Entry row : rows) {
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
            params.addAll(Arrays.asList(row.caseNumber(), row.at(), row.actor(), row.kind(), row.summary(),
                    row.detail()));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    public List<TimelineEntry> timeline(String caseNumber) {
        PendingTimeline.flush(this::insertTimeline);
        return jdbc.sql("select * from timeline_entry where case_number = ? order by id")
                .param(caseNumber)
                .query((rs, i) -> new TimelineEntry(rs.getLong("id"), instant(rs, "occurred_at"),
                        rs.getString("actor"), rs.getString("kind"), rs.getString("summary"), rs.getString("detail")))
                .list();
    }

    public enum Counter {
        TRANSFERS("transfer_count"), REJECTIONS("rejection_count"), REOPENS("reopen_count");

        private final String column;

        Counter(String column) {
            this.column = column;
        }
    }



    private static Complaint mapComplaint(ResultSet rs, int row) throws SQLException {
        return new Complaint(
                rs.getString("case_number"),
                rs.getString("channel"),
                rs.getString("external_ref"),
                rs.getString("regulator"),
                instant(rs, "regulator_deadline"),
                new Customer(rs.getString("customer_name"), rs.getString("customer_phone"),
                        rs.getString("customer_email"), rs.getString("customer_id"), rs.getBoolean("customer_vip")),
                Category.of(rs.getString("category")),
                rs.getString("product"),
                rs.getString("subject"),
                rs.getString("description"),
                rs.getBigDecimal("amount_claimed"),
                instant(rs, "occurred_at"),
                rs.getBoolean("resolved_at_intake"),
                ComplaintStatus.of(rs.getString("status")),
                Grade.of(rs.getString("grade")),
                rs.getInt("repeat_count"),
                rs.getString("repeat_of"),
                rs.getInt("transfer_count"),
                rs.getInt("rejection_count"),
                rs.getInt("reopen_count"),
                rs.getString("resolution"),
                rs.getBigDecimal("compensation"),
                (Integer) rs.getObject("satisfaction_score"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "closed_at"));
    }

    private static DepartmentAssignment mapDepartment(ResultSet rs, int row) throws SQLException {
        return new DepartmentAssignment(rs.getString("department"), rs.getBoolean("is_lead"), rs.getString("state"),
                rs.getString("proposal"), rs.getBigDecimal("compensation"), rs.getString("root_cause"),
                rs.getString("transfer_reason"), instant(rs, "assigned_at"), instant(rs, "updated_at"));
    }
}
