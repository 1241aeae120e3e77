package io.complaintflow.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slow anonymous clients cannot starve a node. A request to {@code /public/**} holds one of Tomcat's threads while
 * its body trickles in, so: at most {@code per-client} requests per client address and {@code total} per node are
 * in progress at once (the rest are answered at once, 429 or 503, before their body is read), and a body must
 * arrive whole within {@code body-timeout} — it is read here, in full, before anything else sees it, and a client
 * sending one byte every few seconds gets 408 and a closed connection instead of holding the thread for minutes.
 * Runs after {@code ClientAddressFilter}, so the client is the one the trusted proxies name.
 */
class PublicDoorGuard extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(PublicDoorGuard.class);

    private final PublicDoorLimits limits;
    private final ObjectMapper json;
    private final Semaphore node;
    private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();

    PublicDoorGuard(PublicDoorLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
        this.node = new Semaphore(limits.total());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().substring(request.getContextPath().length()).startsWith("/public/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = request.getRemoteAddr();
        AtomicInteger mine = perClient.computeIfAbsent(client, c -> new AtomicInteger());
        if (mine.incrementAndGet() > limits.perClient()) {
            release(client, mine);
            refuse(request, response, HttpStatus.TOO_MANY_REQUESTS, "同时进行的请求过多",
                    "同一来源同时最多 " + limits.perClient() + " 个请求，请等前面的请求完成后再试");
            return;
        }
        try {
            if (!node.tryAcquire()) {
                refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE, "服务繁忙", "公开页面当前请求过多，请稍后再试");
                return;
            }
            try {
                HttpServletRequest whole = withWholeBody(request, response);
                if (whole != null) {
                    chain.doFilter(whole, response);
                }
            } finally {
                node.release();
            }
        } finally {
            release(client, mine);
        }
    }

    private void release(String client, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) {
            perClient.remove(client, count);
        }
    }

    /** The request with its body read in full, or null when the body did not arrive in time (408 sent). */
    private HttpServletRequest withWholeBody(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        long length = request.getContentLengthLong();
        if (length <= 0) {
            return request;
        }
        long deadline = System.nanoTime() + limits.bodyTimeout().toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(length, 64 * 1024));
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                body.write(buffer, 0, n);
                if (System.nanoTime() > deadline && body.size() < length) {
                    return timedOut(request, response);
                }
            }
        } catch (SocketTimeoutException stalled) {
            return timedOut(request, response);
        } catch (IOException clientGone) {
            if (clientGone.getCause() instanceof SocketTimeoutException) {
                return timedOut(request, response);
            }
            throw clientGone;
        }
        WholeBody whole = new WholeBody(request, body.toByteArray());
        String undecodable = whole.undecodable();
        if (undecodable != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), ProblemHandler.problem(java.util.List.of(
                    new FieldError(undecodable, StrictUtf8Body.NOT_TEXT))));
            return null;
        }
        return whole;
    }

    private HttpServletRequest timedOut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LOG.info("{} {} from {}: body not complete within {}, connection closed", request.getMethod(),
                request.getRequestURI(), request.getRemoteAddr(), limits.bodyTimeout());
        refuse(request, response, HttpStatus.REQUEST_TIMEOUT, "请求体超时",
                "请求内容未在 " + limits.bodyTimeout().toSeconds() + " 秒内传完，未保存任何内容");
        return null;
    }

    /** Answers at once and closes the connection: the rest of the body is never read. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                        String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        if (status != HttpStatus.REQUEST_TIMEOUT) {
            response.setHeader("Retry-After", "5");
        }
        response.setHeader("Connection", "close");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        UnreadBodyValve.closeAfterAnswer(request);
        json.writeValue(response.getOutputStream(), problem); // closes the stream: the answer goes out now
    }

    /**
     * The request with its body already read. Form fields of a url-encoded body are parsed by Tomcat from the
     * stream it has already handed out, so they are served from the bytes read here — decoded strictly
     * ({@link FormBody}): a field that is not text is refused before any controller sees it.
     */
    private static final class WholeBody extends ReplayedBody {
        private final FormBody.Parsed form;

        WholeBody(HttpServletRequest request, byte[] body) {
            super(request, body);
            this.form = FormBody.parse(request.getQueryString(), getContentType(), getCharacterEncoding(), body);
        }

        String undecodable() {
            return form.undecodable();
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return form.parameters();
        }

        @Override
        public java.util.Enumeration<String> getParameterNames() {
            return java.util.Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return getParameterMap().get(name);
        }
    }
}
