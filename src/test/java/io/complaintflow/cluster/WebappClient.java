package io.complaintflow.cluster;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A browser's part in a Camunda webapp login: keeps cookies itself, whichever node it talks to. */
final class WebappClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Opens Tasklist (which hands out the CSRF token) and logs in as Tasklist's login form does. */
    HttpResponse<String> login(ClusterNode node, String engine, String user, String password) {
        get(node, "/camunda/app/tasklist/");
        String form = "username=" + encode(user) + "&password=" + encode(password);
        return send(HttpRequest.newBuilder(node.url("/camunda/api/admin/auth/user/" + engine + "/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpResponse<String> get(ClusterNode node, String path) {
        return send(HttpRequest.newBuilder(node.url(path)).header("Accept", "application/json").GET());
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            List<String> setCookies = response.headers().allValues("Set-Cookie");
            for (String setCookie : setCookies) {
                String pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
