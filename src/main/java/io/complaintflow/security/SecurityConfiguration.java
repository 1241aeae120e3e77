package io.complaintflow.security;


import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The doors. {@code /engine-rest} is guarded by Camunda's own authentication filter (so the engine knows the user
 * and applies its authorizations), with Basic checked by {@link BasicLogins} as for {@code /api}; {@code /api} and actuator by Basic or the webapp login, with the group rules
 * of {@link AccessMatrix}; the webapps by Camunda's login and CSRF filter; {@code /public} is the only open door.
 * Which group may do what inside the engine is declared in {@link AuthorizationPolicy}.
 */
@Configuration
public class SecurityConfiguration {

    /** Right after Spring's forwarded-header filter (which runs first of all), before anything reads the address. */
    @Bean
    FilterRegistrationBean<ClientAddressFilter> clientAddress(TrustedProxies proxies) {
        var registration = new FilterRegistrationBean<>(new ClientAddressFilter(proxies));
        registration.setName("complaintflow-client-address");
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * No Micrometer observation of each security filter, authentication and authorization: every request paid for
     * about 30 timers and their tags (7 % of a no-op start's HTTP CPU, bench/README.md "the request's own cost"),
     * and nothing reads them. The request itself is still observed ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    TrustedProxies trustedProxies(SecurityProperties settings) {
        TrustedProxies proxies = new TrustedProxies();
        proxies.setTrustedProxies(settings.trustedProxies());
        return proxies;
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(JerseyApplicationPath rest,
            ObjectProvider<BasicLogins> logins, CamundaBpmProperties camunda) {
        // looked up at the first request: the web server builds its filters before the engine and Flyway are ready
        var registration = new FilterRegistrationBean<ProcessEngineAuthenticationFilter>(
                new EngineRestBasicAuthentication(logins::getObject, camunda.getProcessEngineName()));
        registration.setName("complaintflow-engine-rest-authentication");
        registration.addUrlPatterns(rest.getRelativePath("/*"));
        return registration;
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRest(HttpSecurity http, JerseyApplicationPath rest) throws Exception {
        return http.securityMatcher(rest.getRelativePath("/**"))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, CamundaIdentityAuthentication identity,
                            CamundaBpmProperties camunda) throws Exception {
        String engine = camunda.getProcessEngineName();
        return http.securityMatcher("/api/**", "/actuator/**")
                .authenticationProvider(identity)
                .httpBasic(b -> b.authenticationEntryPoint(SecurityProblems.unauthorized()))
                .addFilterAfter(new WebappSessionAuthentication(engine), BasicAuthenticationFilter.class)
                // Basic clients carry no cookie to forge; webapp-session writes are CSRF-checked by the filter above
                .csrf(AbstractHttpConfigurer::disable)
                // never touch the webapp's session: a new session id here (fixation protection) would log the
                // user out of Cockpit in the middle of its parallel requests
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionFixation(f -> f.none()))
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityProblems.unauthorized())
                        .accessDeniedHandler(SecurityProblems.forbidden()))
                .authorizeHttpRequests(a -> {
                    for (AccessMatrix.Rule rule : AccessMatrix.httpRules()) {
                        String[] patterns = rule.patterns().toArray(String[]::new);
                        var matched = rule.method() == null ? a.requestMatchers(patterns)
                                : a.requestMatchers(HttpMethod.valueOf(rule.method()), patterns);
                        if (rule.who().open()) {
                            matched.permitAll();
                        } else if (rule.who().signedIn()) {
                            matched.authenticated();
                        } else if (rule.who().groups().isEmpty()) {
                            matched.denyAll();
                        } else {
                            matched.hasAnyAuthority(rule.who().groups().toArray(String[]::new));
                        }
                    }
                    a.anyRequest().authenticated();
                })
                .build();
    }

    /** Camunda's webapps bring their own login, CSRF filter and security headers. */
    @Bean
    @Order(3)
    SecurityFilterChain webapps(HttpSecurity http, CamundaBpmProperties camunda) throws Exception {
        String webappPath = camunda.getWebapp().getApplicationPath();
        return http.securityMatcher(webappPath + "/**")
                // Admin's first-administrator set-up is never needed: prod creates the administrator from the
                // environment before the server listens, demo brings its own; open, it can be claimed by anyone
                .authorizeHttpRequests(a -> a.requestMatchers(webappPath + "/api/admin/setup/**").denyAll()
                        .anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }

    /** The public pages and everything else of our own: open, with strict headers. */
    @Bean
    @Order(4)
    SecurityFilterChain publicPages(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                // never touch the webapp's session: a new session id here (fixation protection) would log the
                // user out of Cockpit in the middle of its parallel requests
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionFixation(f -> f.none()))
                .requestCache(AbstractHttpConfigurer::disable)
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; script-src 'self'; "
                                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
                                + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny()))
                .build();
    }
}
