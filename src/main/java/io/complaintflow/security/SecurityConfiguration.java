package io.complaintflow.security;

import static io.complaintflow.security.Groups.ADMIN;
import static io.complaintflow.security.Groups.COMPLAINT_CENTER;
import static io.complaintflow.security.Groups.COMPLAINT_CENTER_LEAD;
import static io.complaintflow.security.Groups.COMPLAINT_MANAGERS;
import static io.complaintflow.security.Groups.EMERGENCY_GROUP;
import static io.complaintflow.security.Groups.EMERGENCY_SENIOR;
import static io.complaintflow.security.Groups.FRONTLINE;
import static io.complaintflow.security.Groups.INTAKE;
import static io.complaintflow.security.Groups.PROCESS_OWNERS;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The doors. {@code /engine-rest} is guarded by Camunda's own Basic filter (so the engine knows the user and
 * applies its authorizations); {@code /api} and actuator by Basic or the webapp login, with the group rules
 * below; the webapps by Camunda's login and CSRF filter; {@code /public} is the only open door.
 * Which group may do what inside the engine is declared in {@link AuthorizationPolicy}.
 */
@Configuration
public class SecurityConfiguration {

    private static final String[] READ_ALL = java.util.stream.Stream.concat(Groups.READ_ALL.stream(),
            java.util.stream.Stream.of(ADMIN)).toArray(String[]::new);
    private static final String[] COMMAND = {COMPLAINT_MANAGERS, EMERGENCY_GROUP, EMERGENCY_SENIOR, ADMIN};

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(
            @Value("${camunda.bpm.jersey.application-path:/engine-rest}") String restPath) {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("complaintflow-engine-rest-authentication");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns(restPath + "/*");
        return registration;
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRest(HttpSecurity http,
                                   @Value("${camunda.bpm.jersey.application-path:/engine-rest}") String restPath)
            throws Exception {
        return http.securityMatcher(restPath + "/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, CamundaIdentityAuthentication identity,
                            @Value("${camunda.bpm.process-engine-name:default}") String engine) throws Exception {
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
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/complaints", "/api/complaints/import")
                        .hasAnyAuthority(INTAKE, FRONTLINE, COMPLAINT_CENTER, COMPLAINT_CENTER_LEAD, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/complaints", "/api/complaints/**").authenticated()
                        .requestMatchers("/api/complaints/**").hasAnyAuthority(COMPLAINT_CENTER,
                                COMPLAINT_CENTER_LEAD, COMPLAINT_MANAGERS, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/assist/suggest")
                        .hasAnyAuthority(INTAKE, FRONTLINE, COMPLAINT_CENTER, COMPLAINT_CENTER_LEAD, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/assist/**").hasAnyAuthority(READ_ALL)
                        .requestMatchers("/api/assist/**").hasAnyAuthority(PROCESS_OWNERS, ADMIN)
                        .requestMatchers("/api/reports/**", "/api/mass-incidents/**").hasAnyAuthority(READ_ALL)
                        // mails that need a person: the center's work (senders and texts of strangers included)
                        .requestMatchers("/api/mailbox/**").hasAnyAuthority(COMPLAINT_CENTER, COMPLAINT_CENTER_LEAD,
                                COMPLAINT_MANAGERS, ADMIN)
                        // operations (prod, #18): the dashboard's banner for readers, mail actions for admins
                        .requestMatchers(HttpMethod.GET, "/api/operations/**").hasAnyAuthority(READ_ALL)
                        .requestMatchers("/api/operations/**").hasAuthority(ADMIN)
                        .requestMatchers("/api/models/**").hasAnyAuthority(PROCESS_OWNERS, ADMIN)
                        // the taxonomy and the answer scripts are every handler's reference
                        .requestMatchers(HttpMethod.GET, "/api/root-causes/**", "/api/answer-scripts/**")
                        .authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/surges/**", "/api/crises/**", "/api/campaigns/**",
                                "/api/pdca/**", "/api/reviews/**").hasAnyAuthority(READ_ALL)
                        .requestMatchers("/api/surges/**", "/api/crises/**").hasAnyAuthority(COMMAND)
                        .requestMatchers("/api/campaigns/**", "/api/pdca/**", "/api/reviews/**",
                                "/api/root-causes/**", "/api/answer-scripts/**")
                        .hasAnyAuthority(PROCESS_OWNERS, COMPLAINT_MANAGERS, ADMIN)
                        .anyRequest().authenticated())
                .build();
    }

    /** Camunda's webapps bring their own login, CSRF filter and security headers. */
    @Bean
    @Order(3)
    SecurityFilterChain webapps(HttpSecurity http,
                                @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath)
            throws Exception {
        return http.securityMatcher(webappPath + "/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
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
