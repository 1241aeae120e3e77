package io.complaintflow.intake;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps what an anonymous client may send to {@code /public/**} before anything reads it: a declared length above
 * the cap is answered 413 at once; a body without a declared length (chunked) stops being read at the cap.
 */
@Component
public class PublicRequestSizeFilter extends OncePerRequestFilter {

    static final int MAX_BYTES = 32 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/public/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"type\":\"https://complaintflow.io/problems/too-large\",\"title\":\"内容过大\","
                    + "\"status\":413,\"detail\":\"提交内容过大（最多 " + MAX_BYTES / 1024 + " KB）\"}");
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new Capped(request) : request, response);
    }

    /** Ends the body at the cap: what a parser then sees is cut off and rejected as malformed. */
    private static final class Capped extends HttpServletRequestWrapper {
        Capped(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private int read;

                @Override
                public int read() throws IOException {
                    if (read >= MAX_BYTES) {
                        return -1;
                    }
                    int b = in.read();
                    if (b >= 0) {
                        read++;
                    }
                    return b;
                }

                @Override
                public boolean isFinished() {
                    return read >= MAX_BYTES || in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
