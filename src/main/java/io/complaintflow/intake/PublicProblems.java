package io.complaintflow.intake;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** 429 for a client over its limit, 413 for an upload or form that is too large; both problem+json. */
@RestControllerAdvice(basePackages = "io.complaintflow")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PublicProblems {

    @ExceptionHandler(PublicRateLimiter.RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(PublicRateLimiter.RateLimitedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "请求过于频繁，请 " + e.retryAfterSeconds() + " 秒后再试");
        problem.setType(URI.create("https://complaintflow.io/problems/rate-limited"));
        problem.setTitle("请求过于频繁");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds())).body(problem);
    }

    @ExceptionHandler({MaxUploadSizeExceededException.class, PayloadTooLargeException.class})
    ProblemDetail tooLarge(Exception e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                e instanceof PayloadTooLargeException p ? p.getMessage() : "文件过大");
        problem.setType(URI.create("https://complaintflow.io/problems/too-large"));
        problem.setTitle("内容过大");
        return problem;
    }

    /** A public request larger than the pages ever send. */
    public static class PayloadTooLargeException extends RuntimeException {
        public PayloadTooLargeException(String message) {
            super(message);
        }
    }
}
