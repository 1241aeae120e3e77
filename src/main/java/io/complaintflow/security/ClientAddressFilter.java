package io.complaintflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes {@code getRemoteAddr()} the client as {@link TrustedProxies} determines it, for everything after it (the
 * public pages' rate limits, logs). It looks past whatever an earlier filter made of {@code X-Forwarded-For}
 * (Spring's forwarded-header support takes the left-most entry, which the client writes itself).
 */
class ClientAddressFilter extends OncePerRequestFilter {

    private final TrustedProxies proxies;

    ClientAddressFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ServletRequest connection = connection(request);
        String peer = connection.getRemoteAddr();
        // from the request as received: Spring's ForwardedHeaderFilter hides X-Forwarded-* from later filters
        String client = proxies.clientAddress(peer, connection instanceof HttpServletRequest http
                ? http.getHeaders("X-Forwarded-For") : null);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return client;
            }

            @Override
            public String getRemoteHost() {
                return client;
            }
        }, response);
    }

    /** The request as the server received it, under any wrappers. */
    private static ServletRequest connection(ServletRequest request) {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper wrapper) {
            r = wrapper.getRequest();
        }
        return r;
    }
}
