package io.complaintflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized bodies on {@code /api} and {@code /public} before anything reads them (413 problem+json);
 * anonymous {@code /public} clients get the smaller limit. Bodies without a declared length (chunked) are refused
 * too: no intake client or browser form needs them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBody;
    private final long maxUpload;
    private final long maxPublicBody;

    public RequestSizeLimit(SecurityProperties settings) {
        this.maxBody = settings.maxBody().toBytes();
        this.maxUpload = settings.maxUpload().toBytes();
        this.maxPublicBody = settings.maxPublicBody().toBytes();
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !(path.startsWith("/api/") || path.startsWith("/public/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        long limit = path(request).startsWith("/public/") ? maxPublicBody
                : contentType != null && contentType.startsWith("multipart/") ? maxUpload : maxBody;
        long length = request.getContentLengthLong();
        boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > limit || chunked) {
            SecurityProblems.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "请求体过大",
                    "请求体不能超过 " + limit / 1024 + " KB，且须声明长度；未保存任何内容");
            return;
        }
        chain.doFilter(request, response);
    }
}
