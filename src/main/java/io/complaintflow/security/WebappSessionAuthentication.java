package io.complaintflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the Cockpit dashboard and other webapp pages call {@code /api} with the user's Camunda webapp login
 * (the session Tasklist and Cockpit keep), so nobody types a password twice. Writes must carry the webapp's
 * own CSRF token in {@code X-XSRF-TOKEN}, exactly as Camunda's webapps send it to their own API.
 */
class WebappSessionAuthentication extends OncePerRequestFilter {

    static final String CSRF_HEADER = "X-XSRF-TOKEN";
    static final String CSRF_SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final String engineName;

    WebappSessionAuthentication(String engineName) {
        this.engineName = engineName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var current = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if ((current == null || !current.isAuthenticated()) && session != null) {
            UserAuthentication user = webappUser(session);
            if (user != null) {
                if (!SAFE_METHODS.contains(request.getMethod()) && !csrfTokenMatches(request, session)) {
                    response.sendError(HttpServletResponse.SC_FORBIDDEN, "缺少或错误的 CSRF 令牌");
                    return;
                }
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(CamundaIdentityAuthentication.authenticated(user.getName(),
                        user.getGroupIds()));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }

    private UserAuthentication webappUser(HttpSession session) {
        Authentications all = AuthenticationUtil.getAuthsFromSession(session);
        if (all == null) {
            return null;
        }
        return all.getAuthentications().stream()
                .filter(a -> engineName.equals(a.getProcessEngineName()))
                .findFirst().orElse(null);
    }

    private static boolean csrfTokenMatches(HttpServletRequest request, HttpSession session) {
        String sent = request.getHeader(CSRF_HEADER);
        Object expected = session.getAttribute(CSRF_SESSION_ATTRIBUTE);
        return sent != null && expected instanceof String token
                && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
