package io.complaintflow.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The filters in front of every controller, in this order after the size limit and the client address
 * (security/): the content type must be concrete, then the public doors' limits.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionConfiguration {

    @Bean
    FilterRegistrationBean<ContentTypeCheck> contentTypeCheck(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new ContentTypeCheck(json));
        registration.setName("complaintflow-content-type");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<PublicDoorGuard> publicDoorGuard(PublicDoorLimits limits, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new PublicDoorGuard(limits, json));
        registration.setName("complaintflow-public-doors");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
        return registration;
    }

    /** JSON bodies of Camunda's REST API (engine-rest, Tasklist's engine API) read and checked once first. */
    @Bean
    FilterRegistrationBean<EngineRestBodyCheck> engineRestBodyCheck(ObjectMapper json,
            EngineRestProperties settings) {
        var registration = new FilterRegistrationBean<>(new EngineRestBodyCheck(json,
                settings.maxEngineRestBody().toBytes()));
        registration.setName("complaintflow-engine-rest-body");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 7);
        return registration;
    }

    /** Camunda's REST resources (engine-rest, Tasklist's engine API) find their engine without a class-path scan. */
    @Bean
    FilterRegistrationBean<EngineProviderLookup> engineProviderLookup(JerseyApplicationPath rest,
            CamundaBpmProperties camunda) {
        var registration = new FilterRegistrationBean<>(new EngineProviderLookup());
        registration.setName("complaintflow-engine-provider-lookup");
        registration.addUrlPatterns(rest.getRelativePath("/*"),
                camunda.getWebapp().getApplicationPath() + "/api/engine/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 8);
        return registration;
    }

    /** Camunda's REST API with one configured object mapper instead of a new one per resource and per body. */
    @Bean
    ResourceConfigCustomizer engineRestObjectMapper() {
        return config -> config.register(EngineRestObjectMapper.class);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> closeUnreadBodies() {
        return factory -> factory.addContextValves(new UnreadBodyValve());
    }
}
