package io.complaintflow.assist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Words that point to a category ({@code assist/category-synonyms.txt}), as classifier features. */
final class CategorySynonyms {

    private static final Map<String, List<String>> WORDS = load();

    private CategorySynonyms() {
    }

    /** One {@code syn:<category>} feature per synonym found. */
    static List<String> hits(String text) {
        List<String> hits = new ArrayList<>();
        if (text == null) {
            return hits;
        }
        WORDS.forEach((category, words) -> {
            for (String w : words) {
                if (text.contains(w)) {
                    hits.add("syn:" + category);
                }
            }
        });
        return hits;
    }

    private static Map<String, List<String>> load() {
        try (InputStream in = CategorySynonyms.class.getResourceAsStream("/assist/category-synonyms.txt")) {
            if (in == null) {
                throw new IllegalStateException("assist/category-synonyms.txt is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, List<String>> words = new LinkedHashMap<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int colon = line.indexOf(':');
                if (line.isBlank() || line.startsWith("#") || colon < 0) {
                    continue;
                }
                words.put(line.substring(0, colon).strip(), List.of(line.substring(colon + 1).strip().split("\\s+")));
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
