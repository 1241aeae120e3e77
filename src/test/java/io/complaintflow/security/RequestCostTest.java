package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What every request pays for and need not: the security filters' observations, per-request look-ups. */
@ComplaintFlowTest
class RequestCostTest {

    @LocalServerPort int port;
    @Autowired ObservationRegistry observations;
    @Autowired ProcessEngine engine;

    /** Records the names of observations started while it listens (handlers cannot be removed again). */
    static final class Started implements ObservationHandler<Observation.Context> {
        final List<String> names = new CopyOnWriteArrayList<>();
        volatile boolean listening = true;

        @Override
        public void onStart(Observation.Context context) {
            if (listening) {
                names.add(context.getName());
            }
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }

    @Test
    void theSecurityFiltersAreNotObservedTheRequestIs() {
        Started started = new Started();
        observations.observationConfig().observationHandler(started);
        try {
            HttpSession demo = new HttpSession(port).basic("demo", "demo");
            assertThat(demo.get("/engine-rest/process-definition/count").statusCode()).isEqualTo(200);
            assertThat(demo.get("/api/complaints").statusCode()).isEqualTo(200);
            assertThat(new HttpSession(port).get("/api/complaints").statusCode()).isEqualTo(401);
        } finally {
            started.listening = false;
        }
        assertThat(started.names).contains("http.server.requests");
        assertThat(started.names).noneMatch(name -> name.startsWith("spring.security"));
    }

    @Test
    void engineRestFindsTheApplicationsEngineAndResolvesTheLoginsOnce() {
        AtomicInteger lookups = new AtomicInteger();
        var filter = new EngineRestBasicAuthentication(() -> {
            lookups.incrementAndGet();
            return null;
        }, engine.getName());
        assertThat(filter.getAddressedEngine(engine.getName())).isSameAs(engine);
        assertThat(filter.getAddressedEngine("no-such-engine")).isNull();

        var once = new EngineRestBasicAuthentication.Once<>(() -> "logins#" + lookups.incrementAndGet());
        assertThat(once.get()).isEqualTo("logins#1");
        assertThat(once.get()).isEqualTo("logins#1");
        assertThat(lookups).hasValue(1);
    }
}
