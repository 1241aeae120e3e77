package io.complaintflow.testdb;

import java.util.Map;

/** Where one test database is and how to log in. */
public record DatabaseCoordinates(String url, String username, String password) {

    /** As Spring properties, e.g. for a property source or for command-line arguments. */
    public Map<String, Object> springProperties() {
        return Map.of("spring.datasource.url", url,
                "spring.datasource.username", username,
                "spring.datasource.password", password);
    }
}
