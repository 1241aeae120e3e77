package io.complaintflow.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * JSON bodies sent to Camunda's REST API ({@code /engine-rest} and the webapps' {@code /camunda/api/engine}, which
 * Tasklist uses) are read once here before Camunda's resources read them, because those answered 500 for input:
 * nesting deeper than Jackson allows ({@code StreamConstraintsException}), a variable given as {@code null} instead of
 * {@code {"value": …}} (a {@code NullPointerException}), a file without its {@code valueInfo.filename}. Such a body, and one that is not well-formed UTF-8 or
 * not JSON, gets 400 in Camunda's own error shape ({@code {"type":…,"message":…}}), whose message Tasklist shows.
 * Everything else goes on unchanged, the body replayed byte for byte.
 */
class EngineRestBodyCheck extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    /** Keys whose value is a map of variable name → {@code {"value", "type", "valueInfo"}}. */
    private static final Set<String> VARIABLE_MAPS = Set.of("variables", "modifications", "processVariables",
            "processVariablesLocal", "localVariables", "correlationKeys", "localCorrelationKeys",
            "variablesLocal");
    /** A single variable: {@code PUT …/variables/{name}} and {@code …/localVariables/{name}}. */
    private static final Pattern ONE_VARIABLE = Pattern.compile(".*/(variables|localVariables)/[^/]+$");

    private final ObjectMapper json;
    private final long maxBytes;

    EngineRestBodyCheck(ObjectMapper json, long maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        if (!WITH_BODY.contains(request.getMethod())
                || !(path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/engine/"))) {
            return true;
        }
        String type = request.getContentType();
        try {
            // Camunda's JSON provider also reads application/x-json, …+json and json-seq: every JSON-ish body is checked
            return type == null || !MediaType.parseMediaType(type).getSubtype().toLowerCase(java.util.Locale.ROOT)
                    .contains("json");
        } catch (RuntimeException unreadable) {
            // Camunda answers 415 itself to a type it cannot read — but reads JSON with a charset it does not know
            return !jsonWithUnreadableParameters(type);
        }
    }

    private static boolean jsonWithUnreadableParameters(String type) {
        int semicolon = type.indexOf(';');
        return semicolon > 0 && type.substring(0, semicolon).toLowerCase(java.util.Locale.ROOT).contains("json");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (jsonWithUnreadableParameters(type) && !ContentTypeCheck.acceptable(type)) {
            UnreadBodyValve.closeAfterAnswer(request);
            response.setHeader("Connection", "close");
            refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type 无法识别（charset 未知或参数有误）：" + abbreviate(type) + "，未保存任何内容");
            return;
        }
        long length = request.getContentLengthLong();
        byte[] body = length > maxBytes ? null : request.getInputStream().readNBytes((int) maxBytes + 1);
        if (body == null || body.length > maxBytes) {
            UnreadBodyValve.closeAfterAnswer(request); // the rest stays unread
            response.setHeader("Connection", "close");
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "请求体不能超过 " + maxBytes / 1024 + " KB，未保存任何内容");
            return;
        }
        String problem = problem(body, ONE_VARIABLE.matcher(path(request)).matches());
        if (problem != null) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, problem + "，未保存任何内容");
            return;
        }
        chain.doFilter(new ReplayedBody(request, body), response);
    }

    /** What is wrong with the body, or null. */
    String problem(byte[] body, boolean oneVariable) {
        if (body.length == 0) {
            return null; // Camunda's resources decide whether they need a body
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            return "请求体不是有效的 UTF-8 文本（含有非法或超长编码的字节）";
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            return "请求体不是有效的 JSON（或嵌套过深）";
        } catch (IOException e) {
            return "请求体无法读取";
        }
        if (oneVariable) {
            return root != null && root.isObject() ? descriptor("", root) : "变量须写成 {\"value\": …, \"type\": …}";
        }
        return variables(root);
    }

    private static String variables(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (VARIABLE_MAPS.contains(field.getKey()) && field.getValue().isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> v = field.getValue().fields(); v.hasNext(); ) {
                        Map.Entry<String, JsonNode> variable = v.next();
                        if (!variable.getValue().isObject()) {
                            return "变量 " + abbreviate(variable.getKey()) + " 须写成 {\"value\": …, \"type\": …}";
                        }
                        String problem = descriptor(variable.getKey(), variable.getValue());
                        if (problem != null) {
                            return problem;
                        }
                    }
                } else {
                    String problem = variables(field.getValue());
                    if (problem != null) {
                        return problem;
                    }
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                String problem = variables(item);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String descriptor(String name, JsonNode variable) {
        JsonNode type = variable.get("type");
        JsonNode info = variable.get("valueInfo");
        String which = name.isEmpty() ? "变量" : "变量 " + abbreviate(name);
        if (type != null && !type.isNull() && !type.isTextual()) {
            return which + " 的 type 须为文本";
        }
        if (type != null && type.isTextual() && type.asText().isBlank()) {
            return which + " 的 type 不能为空";
        }
        if (info != null && !info.isNull() && !info.isObject()) {
            return which + " 的 valueInfo 须为对象";
        }
        if (type != null && "file".equalsIgnoreCase(type.asText())
                && (info == null || !info.path("filename").isTextual() || info.path("filename").asText().isBlank())) {
            return which + " 是文件：valueInfo.filename 必填";
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "InvalidRequestException");
        error.put("message", message);
        error.put("code", null);
        json.writeValue(response.getOutputStream(), error);
    }
}
