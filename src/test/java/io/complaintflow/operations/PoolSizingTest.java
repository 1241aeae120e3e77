package io.complaintflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The shipped configuration, H2 (no profile) and PostgreSQL: every thread that can hold a connection at once gets
 * one — Tomcat's request threads, the job executor's (a fixed pool: the engine starts threads beyond its core only
 * once its queue is full), its acquisition and the scheduled work — so a request never waits for a connection
 * because of other requests, and one that gets none within 2 s means the database is away (503). With Hikari's
 * default 10 and Tomcat's 200 threads on H2, intake at c=16 answered 503 (bench/README.md, "H2 pool sizing").
 */
class PoolSizingTest {

    /** mail dispatch, mailbox poll, session and history cleanup (docs/operations.md, "Cluster model") */
    private static final int SCHEDULED = 3;
    private static final int ACQUISITION = 1;

    @ParameterizedTest(name = "profile ''{0}''")
    @ValueSource(strings = {"", "postgres"})
    void everyThreadThatCanHoldAConnectionGetsOne(String profile) throws IOException {
        Binder shipped = shipped(profile);
        int pool = shipped.bind("spring.datasource.hikari.maximum-pool-size", Integer.class).orElse(10);
        int requestThreads = shipped.bind("server.tomcat.threads.max", Integer.class).orElse(200);
        int jobCore = shipped.bind("camunda.bpm.job-execution.core-pool-size", Integer.class).orElse(3);
        int jobMax = shipped.bind("camunda.bpm.job-execution.max-pool-size", Integer.class).orElse(10);

        assertThat(jobMax).as("the job executor's pool is fixed").isEqualTo(jobCore);
        assertThat(pool).as("connections for %d request threads, %d job threads, the acquisition and the scheduled "
                + "work", requestThreads, jobMax).isGreaterThanOrEqualTo(requestThreads + jobMax + ACQUISITION + SCHEDULED);
        assertThat(requestThreads).as("request threads").isBetween(16, 64);
        assertThat(shipped.bind("spring.datasource.hikari.connection-timeout", Long.class).get())
                .as("a request waits at most 2 s for a connection, then gets 503").isEqualTo(2000L);
    }

    @ParameterizedTest(name = "profile ''{0}''")
    @ValueSource(strings = {"", "postgres"})
    void twoNodesStayWithinPostgresDefaultConnections(String profile) throws IOException {
        int pool = shipped(profile).bind("spring.datasource.hikari.maximum-pool-size", Integer.class).orElse(10);
        // two nodes, each with its pool and the database watch's own connection, within max_connections = 100
        assertThat(2 * (pool + 1)).isLessThanOrEqualTo(100);
    }

    /** application.yaml, with application-{profile}.yaml over it as Spring Boot stacks them. */
    private static Binder shipped(String profile) throws IOException {
        YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
        List<PropertySource<?>> layers = new ArrayList<>();
        if (!profile.isEmpty()) {
            String file = "application-" + profile + ".yaml";
            layers.addAll(loader.load(file, new ClassPathResource(file)));
        }
        layers.addAll(loader.load("application.yaml", new ClassPathResource("application.yaml")));
        MutablePropertySources sources = new MutablePropertySources();
        layers.forEach(sources::addLast);
        return new Binder(ConfigurationPropertySources.from(sources));
    }
}
