package io.complaintflow.web;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields of an {@code application/x-www-form-urlencoded} body, merged after those of the query string. */
final class FormBody {

    private FormBody() {
    }

    static Map<String, String[]> parameters(Map<String, String[]> query, String contentType, String encoding,
                                            byte[] body) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        query.forEach((k, v) -> merged.computeIfAbsent(k, x -> new ArrayList<>()).addAll(Arrays.asList(v)));
        if (contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            String text = new String(body, charset);
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                    merged.computeIfAbsent(name, x -> new ArrayList<>()).add(value);
                } catch (IllegalArgumentException badEscape) {
                    // skipped, as Tomcat skips a malformed pair
                }
            }
        }
        Map<String, String[]> result = new LinkedHashMap<>();
        merged.forEach((k, v) -> result.put(k, v.toArray(String[]::new)));
        return Collections.unmodifiableMap(result);
    }
}
