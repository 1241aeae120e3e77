package io.complaintflow.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.atomic.LongAdder;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;

/**
 * The object mapper of Camunda's REST API, configured once. Camunda's own {@link JacksonConfigurator} builds a new
 * {@code ObjectMapper} each time a resource or the JSON reader and writer ask (several times per request), and with
 * it empty serializer caches; this one is built by the same {@link JacksonConfigurator#configureObjectMapper} at the
 * first request and kept. An {@code ObjectMapper} is safe to share once configured (its date format is cloned per
 * use); nothing configures it afterwards.
 */
@Provider
@Produces({MediaType.APPLICATION_JSON, Hal.APPLICATION_HAL_JSON})
@Priority(1)
final class EngineRestObjectMapper implements ContextResolver<ObjectMapper> {

    private static final LongAdder ASKED = new LongAdder();

    private volatile ObjectMapper mapper;

    /** How often Jersey asked a resolver of this kind (that it asks this one, not Camunda's, is the point). */
    static long asked() {
        return ASKED.sum();
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        ASKED.increment();
        ObjectMapper m = mapper;
        if (m == null) {
            m = JacksonConfigurator.configureObjectMapper(new ObjectMapper());
            mapper = m;
        }
        return m;
    }
}
