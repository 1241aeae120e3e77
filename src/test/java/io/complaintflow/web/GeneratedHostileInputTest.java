package io.complaintflow.web;

import static io.complaintflow.web.HostileValues.date;
import static io.complaintflow.web.HostileValues.json;
import static io.complaintflow.web.HostileValues.jsonString;
import static io.complaintflow.web.HostileValues.number;
import static io.complaintflow.web.HostileValues.otherJsonType;
import static io.complaintflow.web.HostileValues.pick;
import static io.complaintflow.web.HostileValues.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #18: thousands of requests, generated from a seed, that mutate valid requests at five doors — the intake API,
 * the public form, the CSV import, the satisfaction survey, and Camunda's {@code /engine-rest} task forms and task
 * variables of real tasks in the lifecycle — with text too long or broken, numbers and dates at their edges, wrong
 * types, repeated keys, unknown and missing fields, fields no form has. Over real HTTP, whatever the answer: never a
 * 5xx, never SQL (or a stack trace) in the body, nothing stored when the answer is not 2xx, and what a 2xx stored
 * holds no character {@code UnsafeText} refuses and no date outside sane bounds.
 *
 * <p>The cases are one sequence per seed, {@code hostile.cases} of them whatever the machine's speed (a run reaches
 * the same cases on a quiet and on a loaded machine); the seed, the count and the time are printed.
 * {@code -Dhostile.seed=N} replays a run (its first cases the same), {@code -Dhostile.cases=N} goes further, and
 * {@code -Dhostile.seconds=N} stops early, for quick local loops only.
 */
@ComplaintFlowTest
class GeneratedHostileInputTest {

    private static final long SEED = Long.getLong("hostile.seed", 18L);
    // Seed 18 found, beyond case 800 and fixed since (each with its regression test): case 834, a survey comment
    // whose bytes were not UTF-8 was stored with U+FFFD (SatisfactionSurveyTest); case 1008, JSON with an unknown
    // charset skipped the engine-rest body check (NoServerErrorForInputTest); case 1916, customerDecision written as
    // the task's own variable hid the submitted decision from the gateway, a 500 (FormSubmissionGuardTest).
    private static final int CASES = Integer.getInteger("hostile.cases", 3000);
    /** 0: no time limit (the default: what a run checks must not depend on the machine's speed). */
    private static final long SECONDS = Long.getLong("hostile.seconds", 0);

    /** Text a database or the engine's persistence would put into an answer; the generator never sends any. */
    private static final List<String> SQL_TEXT = List.of("sqlstate", "sqlexception", "sql state", "jdbc", "org.h2",
            "org.postgresql", "psqlexception", "mybatis", "ibatis", "### error", "varying(", "value too long",
            "numeric field overflow", "violates", "constraint", "syntax error at", "act_ru_", "act_hi_", "act_ge_",
            "select ", "insert into", "delete from", "\tat ", "at org.", "at java.");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired TestScenarios scenarios;
    @Autowired TaskService tasks;
    @Autowired ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Map<String, Integer>> answers = new TreeMap<>();
    private List<String> caseTables;
    private int caseIndex;
    private final Map<String, Long> millis = new TreeMap<>();
    private long preparing;
    private int address;

    enum Kind { TEXT, NUMBER, DATE, BOOL, OBJECT, CODE }

    /** A request as sent: method, path, headers, bytes, and what was mutated (for the failure message). */
    record Sent(String door, String method, String path, Map<String, String> headers, byte[] body,
                List<String> mutations) {
    }

    @Test
    void mutatedRequestsAtFiveDoorsNeverAnswer5xxNeverShowSqlAndStoreNothingWhenRefused() throws Exception {
        caseTables = tablesWithColumn("case_number");
        Random seeds = new Random(SEED);
        long started = System.nanoTime();
        long budget = started + SECONDS * 1_000_000_000L;
        for (caseIndex = 0; caseIndex < CASES && failures.size() < 25
                && (SECONDS <= 0 || System.nanoTime() - budget < 0); caseIndex++) {
            Random r = new Random(seeds.nextLong());
            int door = r.nextInt(100);
            long t0 = System.nanoTime();
            String name;
            if (door < 26) {
                name = "api";
                apiComplaint(r);
            } else if (door < 42) {
                name = "public";
                publicComplaint(r);
            } else if (door < 52) {
                name = "import";
                importUpload(r);
            } else if (door < 62) {
                name = "survey";
                surveyAnswer(r);
            } else {
                name = "engine-rest";
                taskSubmission(r);
            }
            millis.merge(name, (System.nanoTime() - t0) / 1_000_000, Long::sum);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("== generated hostile input: seed %d, %d cases in %d ms (per door %s; of it preparing "
                        + "lifecycles and surveys %d ms), %d failed; answers %s; lifecycles walked %d, surveys "
                        + "prepared %d; load %s%n", SEED, caseIndex, ms, millis, preparing / 1_000_000, failures.size(),
                answers, lifecycles, surveysPrepared, loadAverage());
        assertThat(failures).as("seed " + SEED + ": " + failures.size() + " failing cases").isEmpty();
    }

    // ---------------------------------------------------------------- sending and the checks every answer meets

    private HttpResponse<String> send(Sent sent) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + sent.path()))
                .timeout(Duration.ofSeconds(60))
                .method(sent.method(), sent.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(sent.body()));
        sent.headers().forEach(b::header);
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        answers.computeIfAbsent(sent.door(), d -> new TreeMap<>())
                .merge(response.statusCode() / 100 + "xx", 1, Integer::sum);
        String body = response.body() == null ? "" : response.body().toLowerCase(Locale.ROOT);
        if (response.statusCode() >= 500) {
            fail(sent, response, "a 5xx for input");
        }
        SQL_TEXT.stream().filter(body::contains).findFirst()
                .ifPresent(t -> fail(sent, response, "the answer shows database or stack text: " + t));
        return response;
    }

    private void fail(Sent sent, HttpResponse<String> response, String why) {
        String body = response == null || response.body() == null ? "" : response.body();
        String sentBody = sent.body() == null ? "" : new String(sent.body(), StandardCharsets.UTF_8);
        failures.add(String.format("case %d (seed %d) %s %s %s — %s%n  mutations: %s%n  sent %s: %s%n  answer %s: %s",
                caseIndex, SEED, sent.door(), sent.method(), abbreviate(sent.path(), 120), why, sent.mutations(),
                sent.headers().get("Content-Type"), abbreviate(sentBody, 1200),
                response == null ? "-" : response.statusCode(), abbreviate(body, 600)));
    }

    private static boolean ok(HttpResponse<String> response) {
        return response.statusCode() >= 200 && response.statusCode() < 300;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + ")";
    }

    private static String describe(String raw) {
        return abbreviate(raw.replace("\n", "\\n"), 40);
    }

    private Map<String, String> headers(String... pairs) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                h.put(pairs[i], pairs[i + 1]);
            }
        }
        return h;
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    /** A client address of its own for each public request, as the balancer reports it (no rate limit shared). */
    private String clientAddress() {
        address++;
        return "10." + (address >> 16 & 0xFF) + "." + (address >> 8 & 0xFF) + "." + (address & 0xFF);
    }

    // ---------------------------------------------------------------- what is stored

    private List<String> tablesWithColumn(String column) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME").equalsIgnoreCase(column)
                            && !rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT).startsWith("privacy_access")) {
                        tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        assertThat(tables).contains("complaint", "timeline_entry", "survey_token");
        return tables;
    }

    /** What a filing could leave behind: complaints, their timelines, lifecycles, mail. */
    private List<Long> filed() {
        return jdbc.sql("select (select count(*) from complaint), (select count(*) from timeline_entry),"
                        + " (select count(*) from act_hi_procinst), (select count(*) from mail_outbox)")
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
    }

    /** Every row about one case: its own tables, its processes' variables and tasks. */
    private String caseState(String caseNumber, String processInstanceId) {
        StringBuilder b = new StringBuilder();
        for (String table : caseTables) {
            b.append(table).append(jdbc.sql("select * from " + table + " where case_number = ?").param(caseNumber)
                    .query().listOfRows().stream().map(Object::toString).sorted().toList()).append('\n');
        }
        List<String> instances = new ArrayList<>(jdbc.sql("select id_ from act_ru_execution where business_key_ = ?")
                .param(caseNumber).query(String.class).list());
        if (processInstanceId != null) {
            instances.add(processInstanceId);
        }
        for (String instance : instances.stream().distinct().sorted().toList()) {
            b.append(jdbc.sql("select name_, type_, execution_id_, task_id_, text_, text2_, long_, double_,"
                            + " bytearray_id_, rev_ from act_ru_variable where proc_inst_id_ = ? order by id_")
                    .param(instance).query().listOfRows()).append('\n');
            b.append(jdbc.sql("select id_, task_def_key_, assignee_, rev_ from act_ru_task where proc_inst_id_ = ?"
                    + " order by id_").param(instance).query().listOfRows()).append('\n');
        }
        return b.toString();
    }

    /** After a 2xx: the complaint's stored text is clean and its dates are sane. */
    private void storedCleanly(Sent sent, HttpResponse<String> response, String caseNumber) {
        for (String table : caseTables) {
            for (Map<String, Object> row : jdbc.sql("select * from " + table + " where case_number = ?")
                    .param(caseNumber).query().listOfRows()) {
                row.forEach((column, value) -> {
                    if (value instanceof String s && HostileValues.forbiddenIn(s) != null) {
                        fail(sent, response, "stored " + table + "." + column + " holds "
                                + HostileValues.forbiddenIn(s));
                    }
                    Integer year = year(value);
                    if (year != null && (year < 2000 || year > LocalDate.now().getYear() + 2)) {
                        fail(sent, response, "stored " + table + "." + column + " in the year " + year);
                    }
                });
            }
        }
    }

    /** The year on the business calendar's clock: 2000-01-01 in Beijing is 1999-12-31T16:00Z. */
    private static Integer year(Object value) {
        java.time.ZoneId business = java.time.ZoneId.of("Asia/Shanghai");
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atZone(business).getYear();
        }
        if (value instanceof OffsetDateTime o) {
            return o.atZoneSameInstant(business).getYear();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().getYear();
        }
        if (value instanceof java.time.temporal.TemporalAccessor t
                && t.isSupported(java.time.temporal.ChronoField.YEAR)) {
            return t.get(java.time.temporal.ChronoField.YEAR);
        }
        return null;
    }

    // ---------------------------------------------------------------- JSON objects that may break JSON's rules

    /** A JSON object as key / raw value pairs, so a key can be repeated and a value can be anything. */
    private static final class Obj {
        final List<String[]> entries = new ArrayList<>();
        final Map<String, Kind> kinds = new LinkedHashMap<>();

        Obj put(String key, Kind kind, String raw) {
            entries.add(new String[] {key, raw});
            kinds.put(key, kind);
            return this;
        }

        String render(Random r) {
            StringBuilder b = new StringBuilder("{");
            for (String[] e : entries) {
                b.append(b.length() > 1 ? "," : "").append(jsonString(e[0], r)).append(':').append(e[1]);
            }
            return b.append('}').toString();
        }

        int indexOf(String key) {
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i)[0].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** A value hostile to a field of this kind (mostly) or to any field. */
    private static String hostile(Kind kind, Random r) {
        if (r.nextInt(4) == 0) {
            return json(r);
        }
        return switch (kind) {
            case TEXT, CODE -> r.nextBoolean() ? jsonString(text(r), r) : otherJsonType(r);
            case NUMBER -> number(r);
            case DATE -> r.nextInt(5) == 0 ? number(r) : jsonString(date(r), r);
            case BOOL -> pick(r, "\"true\"", "\"false\"", "1", "0", "null", "\"yes\"", "[true]", "tru");
            case OBJECT -> r.nextBoolean() ? otherJsonType(r) : jsonString(text(r), r);
        };
    }

    private static final List<String> ODD_KEYS = List.of("grade", "caseNumber", "status", "id", "@class",
            "__proto__", "constructor", "customer.name", "", " ", "名称", "a\u0000b", "x".repeat(300), "$where",
            "createdAt", "assignee", "department");

    /** One mutation of the object's fields; returns what it did. */
    private static String mutateField(Obj obj, Random r) {
        int op = r.nextInt(10);
        if (obj.entries.isEmpty() || op == 7) {
            String key = pick(r, ODD_KEYS);
            String raw = json(r);
            obj.entries.add(new String[] {key, raw});
            return "+" + describe(key) + "=" + describe(raw);
        }
        int i = r.nextInt(obj.entries.size());
        String key = obj.entries.get(i)[0];
        Kind kind = obj.kinds.getOrDefault(key, Kind.TEXT);
        switch (op) {
            case 5 -> {
                obj.entries.remove(i);
                return "-" + key;
            }
            case 6 -> {
                String raw = r.nextBoolean() ? obj.entries.get(i)[1] : hostile(kind, r);
                obj.entries.add(r.nextInt(obj.entries.size() + 1), new String[] {key, raw});
                return key + "×2=" + describe(raw);
            }
            case 8 -> {
                String raw = jsonString(HostileValues.overlong(r), r);
                obj.entries.get(i)[1] = raw;
                return key + "=overlong(" + raw.length() + ")";
            }
            default -> {
                String raw = hostile(kind, r);
                obj.entries.get(i)[1] = raw;
                return key + "=" + describe(raw);
            }
        }
    }

    /** A JSON body and its content type, perhaps broken as a whole. */
    private record Body(byte[] bytes, String contentType, String mutation) {
    }

    private static Body jsonBody(String rendered, Random r) {
        byte[] bytes = HostileValues.bytes(rendered, r);
        String type = "application/json";
        if (r.nextInt(100) >= 18) {
            return new Body(bytes, type, null);
        }
        return switch (r.nextInt(13)) {
            case 0 -> new Body(java.util.Arrays.copyOf(bytes, r.nextInt(Math.max(1, bytes.length))), type, "truncated");
            case 1 -> new Body(concat(bytes, pick(r, "x", " {}", "]", ",", "\u0000").getBytes(StandardCharsets.UTF_8)),
                    type, "trailing garbage");
            case 2 -> new Body(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes), type, "BOM");
            case 3 -> new Body(pick(r, "", "null", "[]", "\"text\"", "1", "{", "}").getBytes(StandardCharsets.UTF_8), type,
                    "body not an object");
            case 4 -> new Body(("[" + rendered + "]").getBytes(StandardCharsets.UTF_8), type, "array of the body");
            case 5 -> new Body(("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8),
                    type, "nested 5000 deep");
            case 6 -> new Body(concat(bytes, (" ".repeat(70_000)).getBytes(StandardCharsets.UTF_8)), type,
                    "over 64 KB");
            case 7 -> new Body(bytes, null, "no Content-Type");
            case 8 -> new Body(rendered.getBytes(Charset.forName(pick(r, "UTF-16", "UTF-16LE", "GBK", "ISO-8859-1"))
                    ), type, "not UTF-8");
            case 9 -> new Body(bytes, pick(r, "application/json; charset=UTF-16", "application/json; charset=nonsense",
                    "application/json; charset=\"\"", "application/json;;;", "application/merge-patch+json",
                    "application/x-json", "application/json-seq", "APPLICATION/JSON"), "odd Content-Type");
            case 10 -> new Body(bytes, pick(r, "text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data", "multipart/form-data; boundary=x", "*/*", "application/*", "text/*",
                    "invalid", ""), "other Content-Type");
            case 11 -> new Body(rendered.replaceFirst("\":", "\\\\u00ZZ\":").getBytes(StandardCharsets.UTF_8), type,
                    "invalid escape");
            default -> new Body(rendered.replace("\"", "'").getBytes(StandardCharsets.UTF_8), type, "single quotes");
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    // ---------------------------------------------------------------- door 1: POST /api/complaints

    private int externalRefs;

    /** A valid intake body; its customer is a nested object of its own, rendered into {@code body} when sent. */
    private record Complaint(Obj body, Obj customer) {
    }

    private Complaint validComplaint(Random r) {
        String today = LocalDate.now().minusDays(1 + r.nextInt(30)).toString();
        Obj customer = new Obj().put("name", Kind.TEXT, "\"张三\"")
                .put("phone", Kind.TEXT, "\"" + TestScenarios.uniquePhone() + "\"")
                .put("email", Kind.TEXT, "\"zhang" + r.nextInt(1000) + "@example.com\"")
                .put("customerId", Kind.TEXT, "\"C-1\"").put("vip", Kind.BOOL, "false");
        Obj c = new Obj();
        boolean regulator = r.nextInt(4) == 0;
        c.put("channel", Kind.CODE, regulator ? "\"regulator\"" : "\"" + pick(r, "hotline", "wechat", "app") + "\"");
        c.put("externalRef", Kind.TEXT, "\"HG-" + SEED + "-" + (++externalRefs) + "-" + TestScenarios.uniquePhone() + "\"");
        if (regulator) {
            c.put("regulator", Kind.CODE, "\"12315\"");
            c.put("regulatorDeadline", Kind.DATE, "\"" + LocalDate.now().plusDays(15) + "\"");
        }
        c.put("customer", Kind.OBJECT, null);
        c.put("category", Kind.CODE, "\"" + pick(r, "billing", "delivery", "after-sales") + "\"");
        c.put("product", Kind.TEXT, "\"" + TestScenarios.uniqueProduct() + "\"");
        c.put("subject", Kind.TEXT, "\"多收费\"");
        c.put("description", Kind.TEXT, "\"账单多收了 30 元\"");
        c.put("amountClaimed", Kind.NUMBER, "30.00");
        c.put("occurredAt", Kind.DATE, "\"" + today + "\"");
        boolean resolved = r.nextInt(5) == 0;
        c.put("resolvedAtIntake", Kind.BOOL, resolved ? "true" : "false");
        if (resolved) {
            c.put("resolution", Kind.TEXT, "\"已当场退费\"");
        }
        c.entries.get(c.indexOf("customer"))[1] = CUSTOMER;
        return new Complaint(c, customer);
    }

    /** Where the customer object goes (rendered after its own mutations). */
    private static final String CUSTOMER = "\uE001customer";

    private void apiComplaint(Random r) throws Exception {
        Complaint valid = validComplaint(r);
        Obj complaint = valid.body();
        Obj customer = valid.customer();
        List<String> mutations = new ArrayList<>();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            mutations.add(r.nextInt(4) == 0 ? "customer." + mutateField(customer, r) : mutateField(complaint, r));
        }
        String customerJson = customer.render(r);
        for (String[] e : complaint.entries) {
            if (CUSTOMER.equals(e[1])) {
                e[1] = customerJson;
            }
        }
        Body body = jsonBody(complaint.render(r), r);
        if (body.mutation() != null) {
            mutations.add(body.mutation());
        }
        Sent sent = new Sent("api", "POST", "/api/complaints", headers("Authorization",
                basic(pick(r, "intake-bot", "agent", "demo")), "Content-Type", body.contentType()), body.bytes(),
                mutations);
        filing(sent, r, "caseNumber");
    }

    /** Sends a filing and checks: refused → nothing stored; accepted → at most one complaint, stored cleanly. */
    private void filing(Sent sent, Random r, String caseNumberField) throws Exception {
        List<Long> before = filed();
        HttpResponse<String> response = send(sent);
        List<Long> after = filed();
        if (!ok(response)) {
            if (!after.equals(before)) {
                fail(sent, response, "refused, but stored (complaint, timeline, process, mail: " + before + " → "
                        + after + ")");
            }
            return;
        }
        if (after.get(0) - before.get(0) > 1) {
            fail(sent, response, "one filing stored " + (after.get(0) - before.get(0)) + " complaints");
        }
        String caseNumber = json.readTree(response.body()).path(caseNumberField).asText(null);
        if (caseNumber == null) {
            fail(sent, response, "a 2xx without the case number");
        } else {
            storedCleanly(sent, response, caseNumber);
        }
    }

    // ---------------------------------------------------------------- door 2: POST /public/complaints

    private void publicComplaint(Random r) throws Exception {
        Obj c = new Obj().put("name", Kind.TEXT, "\"王先生\"")
                .put("phone", Kind.TEXT, "\"" + TestScenarios.uniquePhone() + "\"")
                .put("email", Kind.TEXT, "\"wang@example.com\"")
                .put("category", Kind.CODE, "\"delivery\"")
                .put("product", Kind.TEXT, "\"" + TestScenarios.uniqueProduct() + "\"")
                .put("subject", Kind.TEXT, "\"送货延误\"")
                .put("description", Kind.TEXT, "\"约好周六送货，至今未到\"");
        List<String> mutations = new ArrayList<>();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            mutations.add(mutateField(c, r));
        }
        Body body = jsonBody(c.render(r), r);
        if (body.mutation() != null) {
            mutations.add(body.mutation());
        }
        Sent sent = new Sent("public", "POST", "/public/complaints", headers("X-Forwarded-For", clientAddress(),
                "Content-Type", body.contentType()), body.bytes(), mutations);
        filing(sent, r, "caseNumber");
    }

    // ---------------------------------------------------------------- door 3: POST /api/complaints/import

    private static final List<String> COLUMNS = List.of("channel", "externalRef", "customerName", "customerPhone",
            "category", "product", "subject", "description", "amountClaimed", "occurredAt");

    private void importUpload(Random r) throws Exception {
        List<String> mutations = new ArrayList<>();
        List<String> header = new ArrayList<>(COLUMNS);
        List<List<String>> rows = new ArrayList<>();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            rows.add(new ArrayList<>(List.of("hotline", "HGI-" + SEED + "-" + TestScenarios.uniquePhone(), "赵女士",
                    TestScenarios.uniquePhone(), "billing", TestScenarios.uniqueProduct(), "多收费", "账单多收了 30 元",
                    "30.00", LocalDate.now().minusDays(2).toString())));
        }
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            List<String> row = rows.get(r.nextInt(rows.size()));
            // a row made a cell short by an earlier mutation has fewer columns to change
            int column = r.nextInt(Math.min(COLUMNS.size(), row.size()));
            switch (r.nextInt(9)) {
                case 0 -> {
                    row.set(column, number(r));
                    mutations.add("row." + COLUMNS.get(column) + "=" + describe(row.get(column)));
                }
                case 1 -> {
                    row.set(column, date(r));
                    mutations.add("row." + COLUMNS.get(column) + "=" + describe(row.get(column)));
                }
                case 2 -> {
                    row.add(text(r));
                    mutations.add("an extra cell");
                }
                case 3 -> {
                    row.remove(r.nextInt(row.size()));
                    mutations.add("a cell short");
                }
                case 4 -> {
                    header.set(column, pick(r, "customerName", "description", "投诉内容", "", "\uFEFFchannel", "x"));
                    mutations.add("header " + COLUMNS.get(column) + "→" + describe(header.get(column)));
                }
                case 5 -> {
                    row.set(column, HostileValues.overlong(r));
                    mutations.add("row." + COLUMNS.get(column) + "=overlong(" + row.get(column).length() + ")");
                }
                default -> {
                    row.set(column, text(r));
                    mutations.add("row." + COLUMNS.get(column) + "=" + describe(row.get(column)));
                }
            }
        }
        StringBuilder csv = new StringBuilder();
        for (List<String> line : concatRows(header, rows)) {
            List<String> cells = new ArrayList<>();
            line.forEach(cell -> cells.add(HostileValues.csvCell(cell, r)));
            csv.append(String.join(",", cells)).append(r.nextInt(3) == 0 ? "\n" : "\r\n");
        }
        byte[] file = HostileValues.bytes(csv.toString(), r);
        switch (r.nextInt(12)) {
            case 0 -> {
                file = csv.toString().getBytes(Charset.forName(pick(r, "GBK", "UTF-16LE", "UTF-16", "Big5")));
                mutations.add("file in another encoding");
            }
            case 1 -> {
                file = concat(file, "\"unclosed,".getBytes(StandardCharsets.UTF_8));
                mutations.add("an unclosed quote");
            }
            case 2 -> {
                file = concat(file, new byte[] {0, 0, (byte) 0xFF});
                mutations.add("binary at the end");
            }
            case 3 -> {
                file = new byte[0];
                mutations.add("empty file");
            }
            default -> { }
        }
        String boundary = "----hostile" + r.nextInt(1_000_000);
        String partName = "file";
        String contentType = "multipart/form-data; boundary=" + boundary;
        String disposition = "form-data; name=\"file\"; filename=\"batch.csv\"";
        boolean closed = true;
        switch (r.nextInt(14)) {
            case 0 -> {
                partName = pick(r, "upload", "files", "", "FILE");
                disposition = "form-data; name=\"" + partName + "\"; filename=\"batch.csv\"";
                mutations.add("part named " + partName);
            }
            case 1 -> {
                disposition = pick(r, "form-data; name=\"file\"", "form-data; name=\"file\"; filename=\"../../etc/passwd\"",
                        "form-data; name=\"file\"; filename=\"" + "长".repeat(2000) + ".csv\"", "attachment",
                        "form-data; name=file; filename*=UTF-8''%E6%8A%95.csv", "form-data; name=\"file\"; filename=\"a\u0000.csv\"");
                mutations.add("disposition " + describe(disposition));
            }
            case 2 -> {
                contentType = pick(r, "multipart/form-data", "multipart/form-data; boundary=", "multipart/mixed; boundary="
                        + boundary, "multipart/form-data; boundary=\"" + boundary, "text/csv", "application/octet-stream",
                        "multipart/form-data; boundary=" + boundary + "; charset=UTF-16");
                mutations.add("Content-Type " + contentType);
            }
            case 3 -> {
                closed = false;
                mutations.add("no closing boundary");
            }
            default -> { }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: " + disposition
                + "\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        if (r.nextInt(15) == 0) {
            body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.csv\""
                    + "\r\n\r\nchannel,customerName,description\r\nhotline,钱先生,第二个文件").getBytes(StandardCharsets.UTF_8));
            mutations.add("two files");
        }
        body.writeBytes(("\r\n--" + boundary + (closed ? "--\r\n" : "")).getBytes(StandardCharsets.UTF_8));
        Sent sent = new Sent("import", "POST", "/api/complaints/import", headers("Authorization",
                basic(pick(r, "agent", "demo")), "Content-Type", contentType), body.toByteArray(), mutations);

        List<Long> before = filed();
        HttpResponse<String> response = send(sent);
        List<Long> after = filed();
        if (!ok(response)) {
            if (!after.equals(before)) {
                fail(sent, response, "refused, but stored: " + before + " → " + after);
            }
            return;
        }
        JsonNode report = json.readTree(response.body());
        long created = report.path("created").asLong(-1);
        if (after.get(0) - before.get(0) != created) {
            fail(sent, response, "the report says " + created + " created, the database has "
                    + (after.get(0) - before.get(0)) + " more complaints");
        }
        for (JsonNode row : report.path("results")) {
            if ("created".equals(row.path("status").asText())) {
                storedCleanly(sent, response, row.path("caseNumber").asText());
            }
        }
    }

    private static List<List<String>> concatRows(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    // ---------------------------------------------------------------- door 4: POST /public/survey/{token}

    /** Links of closed complaints not yet answered: case number, token. */
    private final Deque<String[]> surveys = new ArrayDeque<>();
    private String[] answeredSurvey;
    private int surveysPrepared;

    private String[] survey() {
        if (surveys.isEmpty()) {
            String caseNumber = newLifecycle();
            long t0 = System.nanoTime();
            scenarios.propose(caseNumber, "logistics", "logistics", "补发");
            scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "已为您补发"));
            scenarios.accept(caseNumber);
            surveysPrepared++;
            offerSurvey(caseNumber);
            preparing += System.nanoTime() - t0;
        }
        return surveys.pop();
    }

    private void offerSurvey(String caseNumber) {
        jdbc.sql("select token from survey_token where case_number = ? and used_at is null")
                .param(caseNumber).query(String.class).list().forEach(token -> surveys.add(new String[] {caseNumber, token}));
    }

    private void surveyAnswer(Random r) throws Exception {
        boolean reuse = answeredSurvey != null && (r.nextInt(4) == 0 || surveysPrepared >= 15 && surveys.isEmpty());
        String[] survey = reuse ? answeredSurvey : survey();
        List<String> mutations = new ArrayList<>();
        if (reuse) {
            mutations.add("an answered link");
        }
        List<String[]> fields = new ArrayList<>();
        int score = 1 + r.nextInt(5);
        fields.add(new String[] {"score", String.valueOf(score)});
        if (score <= 2) {
            fields.add(new String[] {"reasons", "slow"});
        }
        fields.add(new String[] {"comment", "谢谢"});
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            if (fields.isEmpty()) { // every field removed by an earlier mutation: one no form has instead
                String key = pick(r, ODD_KEYS);
                fields.add(new String[] {key, text(r)});
                mutations.add("+" + describe(key));
                continue;
            }
            int i = r.nextInt(fields.size());
            switch (r.nextInt(8)) {
                case 0 -> {
                    fields.get(i)[1] = pick(r, number(r), "٥", "５", " 3 ", "3.0", "", "-2147483648", "2147483648", "1,5",
                            "0x3", "3\u0000");
                    mutations.add(fields.get(i)[0] + "=" + describe(fields.get(i)[1]));
                }
                case 1 -> {
                    fields.add(new String[] {fields.get(i)[0], text(r)});
                    mutations.add(fields.get(i)[0] + "×2");
                }
                case 2 -> mutations.add("-" + fields.remove(i)[0]);
                case 3 -> {
                    for (int k = 1 + r.nextInt(2000); k > 0; k--) {
                        fields.add(new String[] {"reasons", pick(r, "slow", "not-resolved", "rude", "x", "")});
                    }
                    mutations.add("many reasons");
                }
                case 4 -> {
                    String key = pick(r, ODD_KEYS);
                    fields.add(new String[] {key, text(r)});
                    mutations.add("+" + describe(key));
                }
                case 5 -> {
                    fields.get(i)[1] = HostileValues.overlong(r);
                    mutations.add(fields.get(i)[0] + "=overlong(" + fields.get(i)[1].length() + ")");
                }
                default -> {
                    fields.get(i)[1] = text(r);
                    mutations.add(fields.get(i)[0] + "=" + describe(fields.get(i)[1]));
                }
            }
        }
        StringBuilder form = new StringBuilder();
        for (String[] f : fields) {
            form.append(form.length() > 0 ? "&" : "").append(HostileValues.formEncoded(f[0], r)).append('=')
                    .append(HostileValues.formEncoded(f[1], r));
        }
        String bodyText = form.toString();
        String contentType = "application/x-www-form-urlencoded";
        String token = survey[1];
        switch (r.nextInt(16)) {
            case 0 -> {
                bodyText = bodyText + pick(r, "&%", "&%G1=1", "&score=%", "&=&&", "&comment=%C0%80", "&%00=1");
                mutations.add("broken percent-encoding");
            }
            case 1 -> {
                contentType = pick(r, "application/json", "multipart/form-data", "text/plain", "",
                        "application/x-www-form-urlencoded; charset=ISO-8859-1",
                        "application/x-www-form-urlencoded; charset=UTF-16", "application/x-www-form-urlencoded; charset=x");
                mutations.add("Content-Type " + contentType);
            }
            case 2 -> {
                token = pick(r, "x", "%00", "..%2F..%2Fapi", "%E6%8A%95", "t".repeat(5000), token + "%C0%80",
                        token.toUpperCase(Locale.ROOT), token + "'--");
                mutations.add("token " + describe(token));
            }
            default -> { }
        }
        Sent sent = new Sent("survey", "POST", "/public/survey/" + token, headers("X-Forwarded-For", clientAddress(),
                "Content-Type", contentType.isEmpty() ? null : contentType),
                bodyText.getBytes(StandardCharsets.ISO_8859_1), mutations);
        String before = caseState(survey[0], null);
        HttpResponse<String> response = send(sent);
        if (!ok(response)) {
            if (!reuse && !caseState(survey[0], null).equals(before)) {
                fail(sent, response, "refused, but the case changed");
            }
            if (!reuse && jdbc.sql("select count(*) from survey_token where token = ? and used_at is null")
                    .param(survey[1]).query(Long.class).single() == 1) {
                surveys.push(survey); // still open: the next survey case uses it
            }
            return;
        }
        if (reuse) {
            fail(sent, response, "an answered link was answered again");
        }
        answeredSurvey = survey;
        storedCleanly(sent, response, survey[0]);
    }

    // ---------------------------------------------------------------- door 5: /engine-rest task forms and variables

    private static final Map<String, String> USERS = Map.of("dept-logistics", "logistics",
            "complaint-center", "center", "complaint-center-lead", "center-lead", "complaint-managers", "manager");

    /** Valid form values for each task of a delivery complaint's lifecycle, as Tasklist submits them. */
    private static final Map<String, Map<String, Object>> VALID = Map.of(
            "Task_HandleComplaint", Map.of("outcome", "propose", "proposal", "补发", "compensation", 50,
                    "rootCause", "logistics"),
            "Task_AwaitInformation", Map.of("customerInfo", "客户已补充"),
            "Task_ReviewTriage", Map.of("category", "delivery", "grade", "G1", "departments", "logistics",
                    "leadDepartment", "logistics"),
            "Task_AnswerCustomer", Map.of("answer", "已为您补发"),
            "Task_ApproveCompensation", Map.of("compensationDecision", "approve"),
            "Task_ConfirmWithCustomer", Map.of("customerDecision", "accept", "closureRootCause", "process",
                    "responsibleDepartment", "logistics", "preventable", "yes"),
            "Task_ManagerTakeover", Map.of("managerDecision", "final", "answer", "最终答复", "closureRootCause", "process",
                    "responsibleDepartment", "logistics", "preventable", "yes"),
            "Task_SatisfactionCallback", Map.of("satisfactionScore", "5", "problemResolved", "yes"));

    private static final List<String> TYPES = List.of("String", "Integer", "Long", "Short", "Double", "Boolean",
            "Date", "Null", "Json", "Xml", "Object", "Bytes", "File", "Foo", "", "string", "java.lang.String");

    private String lifecycleCase;
    private int lifecycles;

    private String newLifecycle() {
        lifecycles++;
        long t0 = System.nanoTime();
        try {
            return fileLifecycle();
        } finally {
            preparing += System.nanoTime() - t0;
        }
    }

    private String fileLifecycle() {
        return scenarios.file(new ComplaintRequest("web", null, null, null, new CustomerRequest("周女士",
                TestScenarios.uniquePhone(), "zhou" + lifecycles + "@example.com", null, false), "delivery",
                TestScenarios.uniqueProduct(), "包裹破损", "收到的包裹破损", null, null, false, null));
    }

    /** An open task of the case being walked that the generator knows the form of; a new case when there is none. */
    private Task openTask() {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (lifecycleCase != null) {
                List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(lifecycleCase).active().list()
                        .stream().filter(t -> VALID.containsKey(t.getTaskDefinitionKey())).toList();
                if (!open.isEmpty()) {
                    return open.get(0);
                }
                offerSurvey(lifecycleCase);
            }
            lifecycleCase = newLifecycle();
        }
        throw new AssertionError("no task to submit in a new delivery complaint");
    }

    private String userFor(Task task) {
        for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
            if (link.getGroupId() != null && USERS.containsKey(link.getGroupId())) {
                return USERS.get(link.getGroupId());
            }
        }
        return "demo";
    }

    private static String variable(Object value, Random r) {
        String raw = value instanceof String s ? jsonString(s, r) : String.valueOf(value);
        String type = value instanceof String ? "String" : "Integer";
        return r.nextBoolean() ? "{\"value\":" + raw + "}" : "{\"value\":" + raw + ",\"type\":\"" + type + "\"}";
    }

    /** A variable of an odd declared type, or no variable object at all. */
    private static String oddVariable(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> "{\"value\":" + json(r) + ",\"type\":\"" + pick(r, TYPES) + "\"}";
            case 1 -> "{\"value\":" + jsonString(pick(r, "\"x\"", "[1]", "{\"a\":1}", text(r), "rO0ABXQAAXg="), r)
                    + ",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":\"" + pick(r, "java.lang.String",
                    "java.util.ArrayList", "java.lang.Runtime", "org.apache.commons.collections.functors.InvokerTransformer", "", "x") + "\","
                    + "\"serializationDataFormat\":\"" + pick(r, "application/json", "application/x-java-serialized-object",
                    "application/xml", "text/plain", "") + "\"}}";
            case 2 -> "{\"value\":" + jsonString(pick(r, "{\"a\":", "[1,2", "<x>", "{\"a\":1}", "[\"logistics\"]"), r)
                    + ",\"type\":\"Json\"}";
            case 3 -> "{\"value\":" + jsonString("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM "
                    + "\"file:///etc/passwd\">]><x>&e;</x>", r) + ",\"type\":\"Xml\"}";
            case 4 -> "{\"value\":" + jsonString(pick(r, "AAAA", "!!!", "", "QUJD".repeat(3000)), r)
                    + ",\"type\":\"" + pick(r, "Bytes", "File") + "\",\"valueInfo\":{\"filename\":\"../x\"}}";
            case 5 -> "{\"value\":" + jsonString(date(r), r) + ",\"type\":\"Date\"}";
            case 6 -> "{\"value\":" + number(r) + ",\"type\":\"" + pick(r, "Integer", "Long", "Short", "Double") + "\"}";
            default -> pick(r, "\"propose\"", "5", "null", "[]", "{}", "{\"type\":\"String\"}", "{\"value\":\"x\",\"local\":true}",
                    "{\"value\":\"x\",\"valueInfo\":{\"transient\":true}}", "{\"value\":\"x\",\"valueInfo\":\"x\"}");
        };
    }

    private void taskSubmission(Random r) throws Exception {
        Task task = openTask();
        String user = r.nextInt(12) == 0 ? pick(r, "billing", "agent", "intake-bot") : userFor(task);
        if (task.getAssignee() == null && USERS.containsValue(user)) {
            tasks.claim(task.getId(), user);
        }
        Obj variables = new Obj();
        new TreeMap<>(VALID.get(task.getTaskDefinitionKey()))
                .forEach((name, value) -> variables.put(name, Kind.OBJECT, variable(value, r)));
        List<String> mutations = new ArrayList<>();
        mutations.add(task.getTaskDefinitionKey() + " as " + user);
        for (int n = 1 + r.nextInt(4); n > 0; n--) {
            int op = r.nextInt(10);
            if (op < 3 && !variables.entries.isEmpty()) {
                String[] e = variables.entries.get(r.nextInt(variables.entries.size()));
                e[1] = oddVariable(r);
                mutations.add(e[0] + "=" + describe(e[1]));
            } else if (op < 6 && !variables.entries.isEmpty()) {
                String[] e = variables.entries.get(r.nextInt(variables.entries.size()));
                String raw = r.nextInt(3) == 0 ? jsonString(HostileValues.overlong(r), r) : json(r);
                e[1] = r.nextBoolean() ? "{\"value\":" + raw + "}" : "{\"value\":" + raw + ",\"type\":\"String\"}";
                mutations.add(e[0] + "=" + describe(e[1]) + "(" + raw.length() + ")");
            } else if (op < 8) {
                String name = pick(r, ODD_KEYS);
                String raw = r.nextBoolean() ? jsonString(HostileValues.overlong(r), r) : json(r);
                variables.entries.add(new String[] {name, r.nextBoolean() ? "{\"value\":" + raw + "}" : oddVariable(r)});
                mutations.add("+" + describe(name) + "(" + raw.length() + ")");
            } else if (op == 8 && !variables.entries.isEmpty()) {
                mutations.add("-" + variables.entries.remove(r.nextInt(variables.entries.size()))[0]);
            } else if (!variables.entries.isEmpty()) {
                String[] e = variables.entries.get(r.nextInt(variables.entries.size()));
                variables.entries.add(new String[] {e[0], oddVariable(r)});
                mutations.add(e[0] + "×2");
            }
        }
        String path = "/engine-rest/task/" + task.getId();
        String method = "POST";
        String rendered;
        int kind = r.nextInt(100);
        if (kind < 65) {
            path += "/submit-form";
            rendered = "{\"variables\":" + variables.render(r)
                    + (r.nextInt(5) == 0 ? ",\"withVariablesInReturn\":" + pick(r, "true", "\"yes\"", "1") : "") + "}";
        } else if (kind < 85) {
            path += pick(r, "/variables", "/localVariables");
            rendered = "{\"modifications\":" + variables.render(r)
                    + (r.nextInt(4) == 0 ? ",\"deletions\":[" + jsonString(pick(r, ODD_KEYS), r) + "]" : "") + "}";
        } else {
            String[] one = variables.entries.isEmpty() ? new String[] {pick(r, ODD_KEYS), oddVariable(r)}
                    : variables.entries.get(r.nextInt(variables.entries.size()));
            method = "PUT";
            path += "/variables/" + URLEncoder.encode(one[0], StandardCharsets.UTF_8).replace("+", "%20");
            rendered = one[1];
        }
        Body body = jsonBody(rendered, r);
        if (body.mutation() != null) {
            mutations.add(body.mutation());
        }
        Sent sent = new Sent("engine-rest", method, path, headers("Authorization", basic(user), "Content-Type",
                body.contentType()), body.bytes(), mutations);
        String caseNumber = lifecycleCase;
        String before = caseState(caseNumber, task.getProcessInstanceId());
        HttpResponse<String> response = send(sent);
        if (!ok(response)) {
            String after = caseState(caseNumber, task.getProcessInstanceId());
            if (!after.equals(before)) {
                fail(sent, response, "refused, but the case changed:\n" + difference(before, after));
            }
            return;
        }
        storedCleanly(sent, response, caseNumber);
        for (String[] row : jdbc.sql("select name_, text_ from act_ru_variable where proc_inst_id_ = ?")
                .param(task.getProcessInstanceId()).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list()) {
            if (variables.indexOf(row[0]) >= 0 && HostileValues.forbiddenIn(row[1]) != null) {
                fail(sent, response, "variable " + row[0] + " stored " + HostileValues.forbiddenIn(row[1]));
            }
        }
    }

    private static String difference(String before, String after) {
        List<String> a = List.of(before.split("\n"));
        List<String> b = List.of(after.split("\n"));
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "";
            String y = i < b.size() ? b.get(i) : "";
            if (!x.equals(y)) {
                d.append("  before: ").append(abbreviate(x, 400)).append("\n  after:  ").append(abbreviate(y, 400))
                        .append('\n');
            }
        }
        return d.toString();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }
}
