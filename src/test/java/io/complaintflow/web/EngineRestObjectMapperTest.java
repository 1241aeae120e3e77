package io.complaintflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Camunda's REST API asks one configured object mapper, configured as Camunda configures its own. */
@ComplaintFlowTest
class EngineRestObjectMapperTest {

    @LocalServerPort int port;
    @Autowired List<ResourceConfig> configs;

    @Test
    void engineRestUsesOneMapperConfiguredAsCamundasOwn() throws Exception {
        var providers = configs.stream().map(c -> c.getClasses()).toList();
        assertThat(providers).anySatisfy(classes -> assertThat(classes).contains(EngineRestObjectMapper.class));

        EngineRestObjectMapper resolver = new EngineRestObjectMapper();
        ObjectMapper first = resolver.getContext(Object.class);
        assertThat(resolver.getContext(String.class)).isSameAs(first);
        ObjectMapper camundas = new JacksonConfigurator().getContext(Object.class);
        Date date = new Date(1_796_420_000_000L);
        assertThat(first.writeValueAsString(date)).isEqualTo(camundas.writeValueAsString(date));
        assertThat(first.getDeserializationConfig().getDeserializationFeatures())
                .isEqualTo(camundas.getDeserializationConfig().getDeserializationFeatures());
        assertThat(first.getSerializationConfig().getSerializationFeatures())
                .isEqualTo(camundas.getSerializationConfig().getSerializationFeatures());

        // Jersey hands a resource this resolver's mapper, not a new one of Camunda's
        HttpSession demo = new HttpSession(port).basic("demo", "demo");
        long before = EngineRestObjectMapper.asked();
        assertThat(demo.get("/engine-rest/task?maxResults=1").statusCode()).isEqualTo(200);
        assertThat(EngineRestObjectMapper.asked()).isGreaterThan(before);
    }
}
