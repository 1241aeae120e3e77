package io.complaintflow.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Renders bad input as RFC 7807 problem+json with a per-field list, for every {@code /api} endpoint. */
@RestControllerAdvice(basePackages = "io.complaintflow")
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring's own problem-details handler, which names no field
public class ProblemHandler {

    static final URI INVALID = URI.create("https://complaintflow.io/problems/invalid-request");
    static final URI UNSUPPORTED = URI.create("https://complaintflow.io/problems/unsupported-media-type");
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        return problem(e.errors());
    }

    /**
     * Malformed JSON or a value of the wrong type: name the field Jackson choked on — for a key given twice or a
     * broken string, the field the parser was in.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        JsonParseException parse = parseFailure(e);
        if (parse != null && parse.getProcessor() != null) {
            String field = JsonPaths.field(parse.getProcessor().getParsingContext());
            if (field != null) {
                boolean duplicate = parse.getOriginalMessage() != null
                        && parse.getOriginalMessage().startsWith("Duplicate field");
                return problem(List.of(new FieldError(field, duplicate ? "重复出现，每个字段只能给出一次"
                        : "不是合法的 JSON（例如未转义的控制字符）")));
            }
        }
        if (parse == null && e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return problem(List.of(new FieldError(field, "类型或格式不正确（数字、文本、是否不会互相转换）")));
        }
        return problem(List.of(new FieldError("body", "不是合法的 JSON（或 JSON 之后还有多余内容）")));
    }

    /** The parser's own failure, also where a nested object's deserializer wrapped it. */
    private static JsonParseException parseFailure(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof JsonParseException parse) {
                return parse;
            }
        }
        return null;
    }

    /** {@code *}{@code /*}, {@code application/*}, a multipart type without boundary, a type the endpoint does not take. */
    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail unsupportedType(HttpMediaTypeNotSupportedException e) {
        return unsupportedMediaType(e.getSupportedMediaTypes().isEmpty() ? "application/json"
                : e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining("、")));
    }

    /** An upload whose multipart body cannot be parsed (no boundary, cut off, garbage). */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail multipart(MultipartException e) {
        if (e instanceof MaxUploadSizeExceededException) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "文件过大");
            problem.setType(URI.create("https://complaintflow.io/problems/too-large"));
            problem.setTitle("内容过大");
            return problem;
        }
        return problem(List.of(new FieldError("file",
                "上传内容不是完整的 multipart/form-data（边界缺失或内容被截断），请重新选择文件上传")));
    }

    /**
     * A database refusal that validation should have caught (a value too long or out of range for its column):
     * never the database's own text to the client — it names tables and statements — but logged in full here.
     */
    @ExceptionHandler({DataAccessException.class, ProcessEnginePersistenceException.class})
    ProblemDetail database(Exception e, HttpServletRequest request) {
        if (DatabaseRefusal.isBadValue(e)) {
            LOG.warn("{} {}: the database refused a value that validation let through", request.getMethod(),
                    request.getRequestURI(), e);
            return problem(List.of(new FieldError("body",
                    "某个值超出了可保存的长度或范围（或含有无法保存的字符），请缩短或更正后重试")));
        }
        LOG.error("{} {}: database failure", request.getMethod(), request.getRequestURI(), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "服务器内部错误，未保存任何内容，请稍后重试");
        problem.setTitle("服务器错误");
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return problem(List.of(new FieldError(e.getName(), "类型或格式不正确")));
    }

    static ProblemDetail unsupportedMediaType(String supported) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "请求的 Content-Type 不被接受，未保存任何内容");
        problem.setType(UNSUPPORTED);
        problem.setTitle("内容类型不被接受");
        problem.setProperty("errors", List.of(new FieldError("Content-Type", "须为 " + supported
                + "（具体类型；multipart 须带 boundary）")));
        return problem;
    }

    static ProblemDetail problem(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "请求有 " + errors.size() + " 处错误，未保存任何内容");
        problem.setType(INVALID);
        problem.setTitle("请求无效");
        problem.setProperty("errors", errors);
        return problem;
    }
}
