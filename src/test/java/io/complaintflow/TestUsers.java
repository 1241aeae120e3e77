package io.complaintflow;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.complaintflow.security.DemoUsers;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcBuilderCustomizer;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The demo profile's people exist in tests too (the tests' profile is {@code test}, not {@code demo}), and every
 * MockMvc request is sent as {@value #DEFAULT} unless a test sends it as someone else with {@link #as(String)}.
 * Tests of the doors themselves use real HTTP without credentials.
 */
@TestComponent
public class TestUsers implements ApplicationRunner {

    /** An administrator, process owner and manager: sees and may do everything in /api. */
    public static final String DEFAULT = "demo";

    private final IdentityService identity;

    public TestUsers(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void run(ApplicationArguments args) {
        new DemoUsers(identity).run(args);
    }

    /** Sends the request as this demo user, replacing the default user's credentials. */
    public static RequestPostProcessor as(String user) {
        RequestPostProcessor basic = httpBasic(user, DemoUsers.PASSWORD);
        return request -> {
            request.removeHeader("Authorization"); // MockMvc applies the default request's credentials first
            return basic.postProcessRequest(request);
        };
    }

    @Bean
    static MockMvcBuilderCustomizer authenticatedByDefault() {
        return builder -> builder.defaultRequest(get("/").with(as(DEFAULT)));
    }
}
