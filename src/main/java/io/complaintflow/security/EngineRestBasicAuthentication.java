package io.complaintflow.security;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import org.camunda.bpm.engine.rest.util.EngineUtil;

/**
 * Camunda's own authentication filter for {@code /engine-rest} (it tells the engine who calls, so the engine applies
 * its authorizations), with HTTP Basic checked by {@link BasicLogins}: the login carries the user's groups and
 * tenants, so the filter does not query them again. The header is read and the challenge answered as Camunda's
 * {@code HttpBasicAuthenticationProvider} does (user up to the first colon, the rest the password); that provider
 * cannot be reused as it is, because its result carries no groups and the filter would query them again.
 */
final class EngineRestBasicAuthentication extends ProcessEngineAuthenticationFilter {

    private volatile ProcessEngineProvider engines;

    EngineRestBasicAuthentication(Supplier<BasicLogins> logins, String engineName) {
        this.authenticationProvider = new Basic(new Once<>(logins), engineName);
    }

    /**
     * Camunda's filter looks the provider up with a {@code ServiceLoader} on every request (a class-path scan in the
     * packaged jar); the same provider, found once, answers here.
     */
    @Override
    protected ProcessEngine getAddressedEngine(String engineName) {
        ProcessEngineProvider provider = engines;
        if (provider == null) {
            provider = EngineUtil.getProcessEngineProvider();
            engines = provider;
        }
        return engineName == null ? provider.getDefaultProcessEngine() : provider.getProcessEngine(engineName);
    }

    /** The provider is set in the constructor; the filter's only other parameter keeps Camunda's meaning. */
    @Override
    public void init(FilterConfig config) {
        servletPathPrefix = config.getInitParameter(SERVLET_PATH_PREFIX);
    }

    /** The bean, resolved at the first request (the web server builds its filters before it exists) and kept. */
    static final class Once<T> implements Supplier<T> {

        private final Supplier<T> lookup;
        private volatile T value;

        Once(Supplier<T> lookup) {
            this.lookup = lookup;
        }

        @Override
        public T get() {
            T v = value;
            if (v == null) {
                v = lookup.get();
                value = v;
            }
            return v;
        }
    }

    private record Basic(Supplier<BasicLogins> logins, String engineName) implements AuthenticationProvider {

        private static final String PREFIX = "Basic ";

        @Override
        public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
            String header = request.getHeader("Authorization");
            if (header == null || !header.startsWith(PREFIX)) {
                return AuthenticationResult.unsuccessful();
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(PREFIX.length()).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return AuthenticationResult.unsuccessful();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return AuthenticationResult.unsuccessful();
            }
            String user = decoded.substring(0, colon);
            String password = decoded.substring(colon + 1);
            if (!engineName.equals(engine.getName())) {
                // another engine than the application's: its own identity service, as Camunda's provider does
                return engine.getIdentityService().checkPassword(user, password)
                        ? AuthenticationResult.successful(user) : AuthenticationResult.unsuccessful(user);
            }
            Optional<BasicLogins.Login> login = logins.get().check(user, password);
            if (login.isEmpty()) {
                return AuthenticationResult.unsuccessful(user);
            }
            AuthenticationResult result = AuthenticationResult.successful(user);
            result.setGroups(login.get().groups());
            result.setTenants(login.get().tenants());
            return result;
        }

        @Override
        public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
            response.setHeader("WWW-Authenticate", PREFIX + "realm=\"" + engine.getName() + "\"");
        }
    }
}
