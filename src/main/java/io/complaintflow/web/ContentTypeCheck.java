package io.complaintflow.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/**
 * A body on {@code /api} or {@code /public} must say concretely what it is: {@code *}{@code /*} and
 * {@code application/*}, an unparsable type, an unknown charset or multipart without a boundary are refused with
 * 415 naming {@code Content-Type} before anything tries to read the body (Spring and Tomcat would fail on them
 * with a 500).
 */
class ContentTypeCheck extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final ObjectMapper json;

    ContentTypeCheck(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !WITH_BODY.contains(request.getMethod()) || !(path.startsWith("/api/") || path.startsWith("/public/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        // parts already parsed (MockMvc's multipart requests carry no boundary): nothing left to misread
        boolean parsed = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class) != null;
        if (header != null && !parsed && !acceptable(header)) {
            UnreadBodyValve.closeAfterAnswer(request);
            response.setHeader("Connection", "close"); // the body stays unread
            response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), ProblemHandler.unsupportedMediaType(
                    "application/json、application/x-www-form-urlencoded 或 multipart/form-data"));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean acceptable(String header) {
        try {
            MediaType type = MediaType.parseMediaType(header);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                return false;
            }
            type.getCharset(); // an unknown or malformed charset throws
            if ("multipart".equalsIgnoreCase(type.getType())) {
                String boundary = type.getParameter("boundary");
                return boundary != null && !boundary.isBlank() && !boundary.equals("\"\"");
            }
            return true;
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
