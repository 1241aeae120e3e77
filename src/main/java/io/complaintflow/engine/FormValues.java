package io.complaintflow.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Reads values that Camunda Forms submit through Tasklist (strings, numbers, JSON arrays) into plain Java
 * types, and rejects a submission that lacks what the step needs — the task then stays open.
 */
public final class FormValues {

    private FormValues() {
    }

    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = (value instanceof SpinJsonNode node && node.isString() ? node.stringValue() : value.toString()).strip();
        return s.isEmpty() ? null : s;
    }

    public static String requiredText(Object value, String label) {
        String s = text(value);
        if (s == null) {
            throw invalid(label + "为必填项");
        }
        return s;
    }

    public static BigDecimal decimal(Object value, String label) {
        String s = text(value);
        if (s == null) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(s);
            if (amount.signum() < 0) {
                throw invalid(label + "不能为负数");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw invalid(label + "须为数字");
        }
    }

    public static Integer integer(Object value, String label) {
        BigDecimal d = decimal(value, label);
        return d == null ? null : d.intValue();
    }

    /** A list of codes from a checklist (JSON array), a Java list, or comma-separated text. */
    public static List<String> codes(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof SpinJsonNode node) {
            if (node.isArray()) {
                node.elements().forEach(e -> add(result, e.isString() ? e.stringValue() : e.toString()));
            } else if (node.isString()) {
                return codes(node.stringValue());
            }
        } else if (value instanceof Collection<?> list) {
            list.forEach(e -> add(result, text(e)));
        } else if (value instanceof String s) {
            String trimmed = s.strip();
            if (trimmed.startsWith("[")) {
                return codes(Spin.JSON(trimmed));
            }
            Arrays.stream(trimmed.split("[,，、\\s]+")).forEach(e -> add(result, e));
        }
        return result;
    }

    /** A JSON array variable: Tasklist shows it in a checklist and submits it back as JSON. */
    public static TypedValue jsonList(List<String> codes) {
        SpinJsonNode array = Spin.JSON("[]");
        codes.forEach(array::append);
        return SpinValues.jsonValue(array).create();
    }

    public static BadUserRequestException invalid(String message) {
        return new BadUserRequestException(message);
    }

    private static void add(List<String> list, String value) {
        if (value != null && !value.isBlank() && !list.contains(value.strip())) {
            list.add(value.strip());
        }
    }
}
