package io.complaintflow.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic for {@code /api} and actuator against Camunda's identity store: the same users, passwords and groups
 * as Tasklist. Each group becomes an authority named by its id.
 */
@Component
public class CamundaIdentityAuthentication implements AuthenticationProvider {

    private final IdentityService identity;

    public CamundaIdentityAuthentication(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String user = request.getName();
        Object password = request.getCredentials();
        if (user == null || user.isBlank() || !(password instanceof String secret)
                || !identity.checkPassword(user, secret)) {
            throw new BadCredentialsException("用户名或密码错误");
        }
        return authenticated(user, groupsOf(user));
    }

    @Override
    public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
    }

    List<String> groupsOf(String user) {
        return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    }

    static Authentication authenticated(String user, List<String> groups) {
        List<GrantedAuthority> authorities = groups.stream()
                .map(g -> (GrantedAuthority) new SimpleGrantedAuthority(g)).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }
}
