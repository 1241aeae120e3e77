package io.complaintflow.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads the webapps' locale files from the classpath and compares a translation with its English original. */
final class LocaleFiles {

    static final List<String> APPS = List.of("tasklist", "cockpit", "admin", "welcome");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}|\\{}");

    private LocaleFiles() {
    }

    static String path(String app, String language) {
        return "META-INF/resources/webjars/camunda/app/" + app + "/locales/" + language + ".json";
    }

    /** The classpath copy that the application serves, i.e. the first one. */
    static URL servedCopy(String app, String language) {
        return Objects.requireNonNull(LocaleFiles.class.getClassLoader().getResource(path(app, language)),
                () -> path(app, language) + " is not on the classpath");
    }

    static JsonNode read(URL url) {
        try (InputStream in = url.openStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Camunda's own files start with a byte order mark.
            return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (IOException e) {
            throw new UncheckedIOException(url.toString(), e);
        }
    }

    /**
     * Every way in which {@code translation} falls short of {@code original}: a key that is missing (at any
     * depth), a value of another shape, a list of another length, or a text that lost or gained a placeholder.
     */
    static List<String> gaps(JsonNode original, JsonNode translation) {
        List<String> gaps = new ArrayList<>();
        compare("", original, translation, gaps);
        return gaps;
    }

    /** Keys of {@code translation} that {@code original} does not have (left over from an older version). */
    static List<String> extraKeys(JsonNode original, JsonNode translation) {
        return gaps(translation, original).stream().filter(gap -> gap.endsWith(" missing")).toList();
    }

    private static void compare(String path, JsonNode original, JsonNode translation, List<String> gaps) {
        if (translation == null || translation.isMissingNode()) {
            gaps.add(path + " missing");
        } else if (original.getNodeType() != translation.getNodeType()) {
            gaps.add(path + " is " + translation.getNodeType() + ", not " + original.getNodeType());
        } else if (original.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = original.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                compare(child, field.getValue(), translation.get(field.getKey()), gaps);
            }
        } else if (original.isArray() && original.size() != translation.size()) {
            gaps.add(path + " has " + translation.size() + " entries, not " + original.size());
        } else if (original.isTextual()
                && !placeholders(original.asText()).equals(placeholders(translation.asText()))) {
            gaps.add(path + " has placeholders " + placeholders(translation.asText()) + ", not "
                    + placeholders(original.asText()));
        }
    }

    private static Map<String, Long> placeholders(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }
}
