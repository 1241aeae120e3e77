package io.complaintflow.testdb;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the shared test context at this run's database (H2's comes from application-test.yaml). */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (TestDatabase.postgresRun()) {
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("test-database", TestDatabase.suite().springProperties()));
        }
    }
}
