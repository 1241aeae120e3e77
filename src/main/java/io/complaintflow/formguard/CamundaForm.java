package io.complaintflow.formguard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The inputs a Camunda Form shows (by variable key), read from its form-js JSON, nested groups included. */
final class CamundaForm {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** No form at all: nothing may be submitted. */
    static final CamundaForm NONE = new CamundaForm("(none)", Map.of());

    private final String id;
    private final Map<String, FormField> fields;

    private CamundaForm(String id, Map<String, FormField> fields) {
        this.id = id;
        this.fields = Collections.unmodifiableMap(fields);
    }

    String id() {
        return id;
    }

    Map<String, FormField> fields() {
        return fields;
    }

    static CamundaForm parse(InputStream json) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, FormField> fields = new LinkedHashMap<>();
            collect(root.path("components"), fields);
            return new CamundaForm(root.path("id").asText("(form)"), fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode components, Map<String, FormField> into) {
        for (JsonNode c : components) {
            if (c.hasNonNull("key") && !c.path("key").asText().isBlank()) {
                FormField field = field(c);
                into.put(field.key(), field);
            }
            if (c.has("components")) {
                collect(c.path("components"), into);
            }
        }
    }

    private static FormField field(JsonNode c) {
        JsonNode validate = c.path("validate");
        List<String> options = new ArrayList<>();
        for (JsonNode v : c.path("values")) {
            options.add(v.path("value").asText());
        }
        JsonNode hide = c.path("conditional").path("hide");
        return new FormField(c.path("key").asText(), c.path("type").asText(), text(c, "label"),
                c.path("readonly").asBoolean(false) || c.path("disabled").asBoolean(false),
                validate.path("required").asBoolean(false), decimal(validate, "min"), decimal(validate, "max"),
                integer(validate, "minLength"), integer(validate, "maxLength"), text(validate, "pattern"),
                integer(c, "decimalDigits"), options, text(c, "valuesKey"),
                hide.isTextual() ? hide.asText() : null, text(c, "subtype"));
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.path(name);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    private static Integer integer(JsonNode node, String name) {
        JsonNode v = node.path(name);
        return v.isNumber() || v.isTextual() && v.asText().matches("\\d+") ? v.asInt() : null;
    }

    private static BigDecimal decimal(JsonNode node, String name) {
        JsonNode v = node.path(name);
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
