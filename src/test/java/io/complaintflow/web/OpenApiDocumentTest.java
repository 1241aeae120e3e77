package io.complaintflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern EXAMPLE = Pattern.compile("^# (GET|POST|PUT|PATCH|DELETE) (/\\S+) — .+$");

    /**
     * docs/api.md has an example call for every operation, right under its "# METHOD path — what" line: a curl
     * with the method (-X unless GET) and the path's fixed part; and no example for an operation that is gone.
     */
    @Test
    void everyOperationHasAnExampleCallInTheApiDoc() throws Exception {
        JsonNode paths = json.readTree(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).path("paths");
        TreeSet<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(m -> operations.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }

        List<String> lines = Files.readAllLines(Path.of("docs/api.md"));
        TreeSet<String> documented = new TreeSet<>();
        List<String> badCalls = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EXAMPLE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String method = m.group(1);
            String path = m.group(2);
            documented.add(method + " " + path);
            String call = i + 1 < lines.size() ? lines.get(i + 1) : "";
            String fixedPart = path.replaceAll("\\{.*$", "");
            boolean methodShown = "GET".equals(method) ? !call.contains(" -X ") : call.contains("-X " + method);
            if (!call.startsWith("curl ") || !call.contains(fixedPart) || !methodShown) {
                badCalls.add(method + " " + path + " → " + call);
            }
        }
        TreeSet<String> missing = new TreeSet<>(operations);
        missing.removeAll(documented);
        TreeSet<String> stale = new TreeSet<>(documented);
        stale.removeAll(operations);
        assertThat(missing).as("operations without an example in docs/api.md (add '# METHOD path — what' and a curl line)")
                .isEmpty();
        assertThat(stale).as("examples in docs/api.md for operations that do not exist").isEmpty();
        assertThat(badCalls).as("example lines that do not call their operation").isEmpty();
    }
}
