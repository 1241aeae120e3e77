package io.complaintflow.web;

import com.fasterxml.jackson.databind.JsonMappingException;
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

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        return problem(e.errors());
    }

    /** Malformed JSON or a value of the wrong type: name the field Jackson choked on. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return problem(List.of(new FieldError(field, "类型或格式不正确")));
        }
        return problem(List.of(new FieldError("body", "不是合法的 JSON")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return problem(List.of(new FieldError(e.getName(), "类型或格式不正确")));
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
