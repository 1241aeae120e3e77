package io.complaintflow.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * While the database is away a request gets 503 with {@code Retry-After} within the pool's short connection timeout,
 * not a 500 after a long wait: a resolver ahead of every other for controllers, and a filter ahead of security and
 * sessions (which read the database before any controller runs) for the rest.
 */
@Configuration
class DatabaseUnavailableHandling {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandling.class);

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> databaseUnavailableFilter(DatabaseFaultProperties settings) {
        long retryAfter = settings.retryAfter().toSeconds();
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (ServletException | RuntimeException e) {
                    if (!DatabaseUnavailable.causes(e) || response.isCommitted()) {
                        throw e;
                    }
                    LOG.warn("{} {}: 503, no database connection ({})", request.getMethod(), request.getRequestURI(),
                            e.getMessage());
                    DatabaseUnavailable.write(response, retryAfter);
                }
            }
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.setName("databaseUnavailable");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    HandlerExceptionResolver databaseUnavailableResolver(DatabaseFaultProperties settings) {
        long retryAfter = settings.retryAfter().toSeconds();
        return new OrderedResolver(retryAfter);
    }

    /** Before Spring's and our own @ExceptionHandlers, which would answer 500. */
    static final class OrderedResolver implements HandlerExceptionResolver, Ordered {

        private final long retryAfter;

        OrderedResolver(long retryAfter) {
            this.retryAfter = retryAfter;
        }

        @Override
        public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                             Exception e) {
            if (!DatabaseUnavailable.causes(e) || response.isCommitted()) {
                return null;
            }
            try {
                LOG.warn("{} {}: 503, no database connection ({})", request.getMethod(), request.getRequestURI(),
                        e.getMessage());
                DatabaseUnavailable.write(response, retryAfter);
                return new ModelAndView();
            } catch (IOException writeFailed) {
                return null;
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
