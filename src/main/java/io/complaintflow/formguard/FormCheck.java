package io.complaintflow.formguard;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.security.UnsafeText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Checks one submission against the form it belongs to: only the form's own fields, read-only ones unchanged,
 * required ones filled (unless the form hides them), options from the form or from the variable its
 * {@code valuesKey} names, numbers in range, dates that parse, text that fits where it is stored. Returns one
 * line per refused field; empty when the submission may go ahead.
 */
final class FormCheck {

    /** Camunda keeps a text variable in ACT_RU_VARIABLE.TEXT_, varchar(4000) on PostgreSQL. */
    static final int MAX_TEXT = 4000;
    /** The application stores amounts as numeric(14, 2). */
    static final BigDecimal MAX_NUMBER = new BigDecimal("999999999999.99");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a hide condition sees: the submitted values over the variables the task sees now, each read when the
     * condition names it — the task's other values (a JSON one from its byte array) are not read for it.
     */
    static final class ConditionContext extends java.util.AbstractMap<String, Object> {

        private final Map<String, Object> current;
        private final Map<String, Object> submitted;
        private Map<String, Object> all;

        ConditionContext(Map<String, Object> current, Map<String, Object> submitted) {
            this.current = current;
            this.submitted = submitted;
        }

        @Override
        public Object get(Object name) {
            if (submitted.containsKey(name)) {
                Object value = submitted.get(name);
                return value instanceof Opaque ? null : value;
            }
            return plain(current.get(name));
        }

        @Override
        public boolean containsKey(Object name) {
            return submitted.containsKey(name) || current.containsKey(name);
        }

        @Override
        public java.util.Set<String> keySet() {
            java.util.Set<String> names = new java.util.LinkedHashSet<>(current.keySet());
            names.addAll(submitted.keySet());
            return names;
        }

        @Override
        public java.util.Set<Map.Entry<String, Object>> entrySet() {
            if (all == null) {
                all = new LinkedHashMap<>();
                current.forEach((k, v) -> all.put(k, plain(v)));
                submitted.forEach((k, v) -> all.put(k, v instanceof Opaque ? null : v));
            }
            return all.entrySet();
        }
    }

    /** Evaluates a form's FEEL {@code conditional.hide}; null when it cannot tell. */
    interface Conditions {
        Boolean hidden(String feel, Map<String, Object> context);
    }

    private FormCheck() {
    }

    /**
     * @param submitted the submitted variables
     * @param current   the variables the task (or start) sees now: read by name (read-only fields, {@code valuesKey},
     *                  the names a hide condition reads), iterated only if a condition asks for all of them
     * @param complete  a whole submission (completes the task or starts the process): required fields apply
     */
    static List<String> check(CamundaForm form, Map<String, ?> submitted, Map<String, Object> current,
                              boolean complete, Conditions conditions) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = plainValues(submitted);
        for (String key : values.keySet()) {
            if (!form.fields().containsKey(key)) {
                problems.add(key + "：不是此表单（" + form.id() + "）中的字段，不能提交");
            }
        }
        Map<String, Object> context = new ConditionContext(current, values);
        for (FormField field : form.fields().values()) {
            boolean present = values.containsKey(field.key());
            Object value = values.get(field.key());
            if (value instanceof Opaque opaque) {
                problems.add(field.name() + "：" + opaque.describe());
                continue;
            }
            if (present && field.readOnly()) {
                if (!same(value, plain(current.get(field.key())))) {
                    problems.add(field.name() + "：只读字段，不能修改");
                }
                continue;
            }
            if (present && !empty(value)) {
                String problem = checkValue(field, value, key -> plain(current.get(key)));
                if (problem != null) {
                    problems.add(field.name() + "：" + problem);
                }
            } else if (complete && field.required() && !field.readOnly()
                    && !hidden(field, context, conditions)) {
                problems.add(field.name() + "：必填");
            }
        }
        return problems;
    }

    /**
     * Form fields written as new variables of the task itself ({@code /localVariables}). Such a variable hides the
     * process's variable of that name from the task: the form's submission then lands on it and is gone with the
     * task, and the process after the task cannot see what was submitted (a required decision: "Cannot resolve
     * identifier" at the next gateway, a 500). Fields the task already keeps as its own (the application's choice, as
     * PDCA's per-department inputs) may be written there.
     */
    static List<String> shadowing(CamundaForm form, java.util.Set<String> written, java.util.Set<String> taskOwn) {
        List<String> problems = new ArrayList<>();
        for (String key : written) {
            FormField field = form.fields().get(key);
            if (field != null && !taskOwn.contains(key)) {
                problems.add(field.name() + "：不能写成任务自己的变量（任务完成时随任务消失，流程看不到所填的值）；"
                        + "请提交表单，或写入任务的 variables");
            }
        }
        return problems;
    }

    private static boolean hidden(FormField field, Map<String, Object> context, Conditions conditions) {
        if (field.hide() == null || field.hide().isBlank()) {
            return false;
        }
        Boolean hidden = conditions.hidden(field.hide(), context);
        return hidden == null || hidden; // cannot tell: the listeners still check what they need
    }

    static String checkValue(FormField field, Object value, Function<String, Object> current) {
        String type = field.type();
        if (FormField.TEXT.contains(type)) {
            return checkText(field, value);
        }
        if (type.equals("number")) {
            return checkNumber(field, value);
        }
        if (type.equals("checkbox")) {
            return value instanceof Boolean || "true".equals(value) || "false".equals(value) ? null : "须为是或否";
        }
        if (FormField.CHOICE.contains(type)) {
            List<String> options = options(field, current);
            return options.contains(String.valueOf(value)) ? null : "「" + abbreviate(value) + "」不是可选项之一";
        }
        if (FormField.MULTI.contains(type)) {
            List<?> chosen = asList(value);
            if (chosen == null) {
                return "须为选项列表";
            }
            List<String> options = options(field, current);
            for (Object item : chosen) {
                if (!options.contains(String.valueOf(item))) {
                    return "「" + abbreviate(item) + "」不是可选项之一";
                }
            }
            return null;
        }
        if (type.equals("datetime")) {
            return value instanceof String s && parsesAsDate(s, field.subtype()) ? null : "日期或时间格式不正确";
        }
        return checkText(field, value);
    }

    private static String checkText(FormField field, Object value) {
        if (!(value instanceof String text)) {
            return "须为文本";
        }
        int max = field.maxLength() == null ? MAX_TEXT : Math.min(field.maxLength(), MAX_TEXT);
        if (text.length() > max) {
            return "不能超过 " + max + " 个字符（现为 " + text.length() + "）";
        }
        if (field.minLength() != null && text.length() < field.minLength()) {
            return "至少 " + field.minLength() + " 个字符";
        }
        if (field.pattern() != null && !field.pattern().isBlank()) {
            try {
                if (!Pattern.compile(field.pattern()).matcher(text).find()) {
                    return "格式不正确";
                }
            } catch (PatternSyntaxException ignored) {
                // a form's broken pattern is the form's problem, not the handler's
            }
        }
        return UnsafeText.problem(text).orElse(null);
    }

    private static String checkNumber(FormField field, Object value) {
        BigDecimal number;
        try {
            number = value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            return "须为数字";
        }
        if (number.abs().compareTo(MAX_NUMBER) > 0) {
            return "数值过大";
        }
        if (field.min() != null && number.compareTo(field.min()) < 0) {
            return "不能小于 " + field.min().toPlainString();
        }
        if (field.max() != null && number.compareTo(field.max()) > 0) {
            return "不能大于 " + field.max().toPlainString();
        }
        int digits = field.decimalDigits() == null ? 2 : field.decimalDigits();
        if (Math.max(0, number.stripTrailingZeros().scale()) > digits) {
            return "最多 " + digits + " 位小数";
        }
        return null;
    }

    /** The form's own options, or those of the variable its {@code valuesKey} names (as the form shows them). */
    static List<String> options(FormField field, Function<String, Object> current) {
        if (field.valuesKey() == null) {
            return field.options();
        }
        List<?> list = asList(current.apply(field.valuesKey()));
        List<String> options = new ArrayList<>();
        if (list != null) {
            for (Object o : list) {
                options.add(String.valueOf(o instanceof Map<?, ?> m ? m.get("value") : o));
            }
        }
        return options;
    }

    /**
     * A value as a client sent it with a type no form submits — a serialized object ({@code "type": "Object"}), or Json
     * or Xml that is not a list of options — kept unread: its class may not exist or may do harm, its text may not
     * parse (Spin failed with a 500 on both). Refused for every form field.
     */
    record Opaque(String type, String detail) {
        String describe() {
            return "不接受 " + type + " 类型的值" + (detail == null || detail.isBlank() ? "" : "（" + abbreviate(detail) + "）")
                    + "，请提交文本、数字、是否、日期或选项";
        }
    }

    /**
     * The submitted values as plain Java values. A {@link VariableMap} is read value by value as typed values: its
     * own iteration deserializes each value, and a serialized object that cannot be deserialized made it throw
     * (Map.forEach turned that into a ConcurrentModificationException, a 500), and Json or Xml that does not parse
     * made Spin throw.
     */
    static Map<String, Object> plainValues(Map<String, ?> submitted) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (submitted instanceof VariableMap typed) {
            for (String key : typed.keySet()) {
                values.put(key, plain(typed.getValueTyped(key)));
            }
        } else {
            for (Map.Entry<String, ?> entry : submitted.entrySet()) {
                values.put(entry.getKey(), plain(entry.getValue()));
            }
        }
        return values;
    }

    /** A variable's plain Java value: typed values unwrapped, JSON (Spin or text) as lists and maps. */
    static Object plain(Object value) {
        if (value instanceof ObjectValue object) {
            if (!object.isDeserialized()) {
                return new Opaque("Object", object.getObjectTypeName());
            }
            value = object.getValue();
        } else if (value instanceof SerializableValue serialized && !serialized.isDeserialized()) {
            // Json or Xml as sent (Tasklist sends a checklist's options as a Json list): read here, never by Spin
            String type = serialized.getType() == null ? "?" : serialized.getType().getName();
            Object parsed = "json".equalsIgnoreCase(type) && serialized.getValueSerialized() != null
                    ? json(serialized.getValueSerialized()) : null;
            return parsed instanceof List<?> list ? list
                    : new Opaque(type.isEmpty() ? type : Character.toUpperCase(type.charAt(0)) + type.substring(1), null);
        } else if (value instanceof TypedValue typed) {
            value = typed.getValue();
        }
        if (value != null && value.getClass().getName().startsWith("org.camunda.spin")) {
            value = json(value.toString());
        }
        return value;
    }

    static List<?> asList(Object value) {
        Object v = plain(value);
        if (v instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (v instanceof Object[] array) {
            return List.of(array);
        }
        if (v instanceof String s) {
            String t = s.strip();
            if (t.startsWith("[")) {
                Object parsed = json(t);
                return parsed instanceof List<?> l ? l : null;
            }
            return t.isEmpty() ? List.of() : List.of(t.split("\\s*,\\s*"));
        }
        return null;
    }

    private static Object json(String text) {
        try {
            return JSON.readValue(text, new TypeReference<Object>() { });
        } catch (Exception e) {
            return text;
        }
    }

    static boolean empty(Object value) {
        return value == null || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.isEmpty();
    }

    /** Equal as a handler sees it: numbers by value, text with either line ending, "" as nothing. */
    static boolean same(Object a, Object b) {
        Object x = normal(a);
        Object y = normal(b);
        if (x instanceof BigDecimal p && y instanceof BigDecimal q) {
            return p.compareTo(q) == 0;
        }
        return Objects.equals(x, y);
    }

    private static Object normal(Object v) {
        if (empty(v)) {
            return null;
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (v instanceof String s) {
            return s.replace("\r\n", "\n");
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(FormCheck::normal).toList();
        }
        return v;
    }

    private static boolean parsesAsDate(String s, String subtype) {
        for (Function<String, Object> parser : List.<Function<String, Object>>of(OffsetDateTime::parse,
                ZonedDateTime::parse, LocalDateTime::parse, LocalDate::parse, LocalTime::parse, OffsetTime::parse)) {
            try {
                parser.apply(s.strip());
                return true;
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        return false;
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

}
