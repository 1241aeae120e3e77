package io.complaintflow.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * JSON bodies must be well-formed UTF-8. Jackson's own decoder accepts overlong forms (two bytes for an ASCII
 * letter, {@code C0 80} for NUL), which other decoders read differently — a way to smuggle characters past
 * checks. The body (already capped by {@code RequestSizeLimit}) is decoded strictly; a refusal names the field
 * whose text holds the bad bytes.
 */
@ControllerAdvice(basePackages = "io.complaintflow")
class StrictUtf8Body extends RequestBodyAdviceAdapter {

    static final String NOT_TEXT = "不是有效的 UTF-8 文本（含有非法或超长编码的字节）";

    private static final ObjectMapper LENIENT = new ObjectMapper();

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException(java.util.List.of(
                    new FieldError(fieldWithBadBytes(body), NOT_TEXT)));
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }

    /** The path of the first text value that decodes to a replacement character, else "body". */
    private static String fieldWithBadBytes(byte[] body) {
        String replaced = new String(body, StandardCharsets.UTF_8);
        try {
            String path = find(LENIENT.readTree(replaced), "");
            return path == null ? "body" : path;
        } catch (IOException notEvenJson) {
            return "body";
        }
    }

    private static String find(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\uFFFD') >= 0 ? path : null;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey().indexOf('\uFFFD') >= 0 ? "body" : null;
                String found = name != null ? name
                        : find(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
                if (found != null) {
                    return found;
                }
            }
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = find(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
