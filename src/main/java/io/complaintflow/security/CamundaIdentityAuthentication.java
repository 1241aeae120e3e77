package io.complaintflow.security;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic for {@code /api} and actuator against Camunda's identity store: the same users, passwords and groups
 * as Tasklist, checked by {@link BasicLogins}. Each group becomes an authority named by its id.
 */
@Component
public class CamundaIdentityAuthentication implements AuthenticationProvider {

    private final BasicLogins logins;

    public CamundaIdentityAuthentication(BasicLogins logins) {
        this.logins = logins;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        Object password = request.getCredentials();
        return logins.check(request.getName(), password instanceof String secret ? secret : null)
                .map(login -> authenticated(login.user(), login.groups()))
                .orElseThrow(() -> new BadCredentialsException("用户名或密码错误"));
    }

    @Override
    public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
    }

    static Authentication authenticated(String user, List<String> groups) {
        List<GrantedAuthority> authorities = groups.stream()
                .map(g -> (GrantedAuthority) new SimpleGrantedAuthority(g)).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }
}
