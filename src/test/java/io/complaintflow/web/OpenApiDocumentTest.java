package io.complaintflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The OpenAPI document describes the API as it is: the endpoints, Basic login, and problem+json refusals. */
@ComplaintFlowTest
class OpenApiDocumentTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Test
    void theApiIsDescribedWithItsLoginAndItsProblemResponses() throws Exception {
        JsonNode api = json.readTree(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());

        JsonNode paths = api.path("paths");
        assertThat(paths.has("/api/complaints")).isTrue();
        assertThat(paths.path("/api/complaints").has("post")).isTrue();
        assertThat(paths.has("/api/complaints/{caseNumber}")).isTrue();
        assertThat(paths.has("/public/complaints")).isTrue();
        assertThat(paths.fieldNames()).toIterable().allMatch(p -> p.startsWith("/api/") || p.startsWith("/public/"));

        assertThat(api.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(api.at("/components/schemas/Problem/properties/errors/items/properties").has("field")).isTrue();
        JsonNode intake = paths.at("/~1api~1complaints/post/responses");
        assertThat(intake.at("/400/content").has("application/problem+json")).isTrue();
        assertThat(intake.has("401")).isTrue();
        JsonNode publicFiling = paths.at("/~1public~1complaints/post");
        assertThat(publicFiling.path("security")).isEmpty();
        assertThat(publicFiling.path("responses").has("429")).isTrue();
    }
}
