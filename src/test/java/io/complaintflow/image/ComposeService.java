package io.complaintflow.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One service of docker-compose.yml as compose would run it with no {@code .env} and nothing set in the shell:
 * its environment with every {@code ${VAR:-default}} at its default, and its bind mounts.
 */
record ComposeService(String name, Map<String, String> environment, List<Mount> mounts) {

    /** A bind mount of a path of the repository ({@code ./deploy/x:/app/x:ro}). */
    record Mount(String source, String target, boolean readOnly) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    @SuppressWarnings("unchecked")
    static ComposeService read(Path file, String service) throws IOException {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        Map<String, Object> services = (Map<String, Object>) root.get("services");
        Map<String, Object> definition = (Map<String, Object>) services.get(service);
        if (definition == null) {
            throw new IllegalStateException(file + " has no service " + service);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        Object env = definition.get("environment");
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> environment.put(String.valueOf(k), v == null ? "" : resolve(String.valueOf(v))));
        } else if (env instanceof List<?> list) {
            for (Object entry : list) {
                String[] kv = String.valueOf(entry).split("=", 2);
                environment.put(kv[0], kv.length > 1 ? resolve(kv[1]) : "");
            }
        }
        List<Mount> mounts = new ArrayList<>();
        if (definition.get("volumes") instanceof List<?> volumes) {
            for (Object volume : volumes) {
                String[] parts = String.valueOf(volume).split(":");
                if (parts.length >= 2 && (parts[0].startsWith("./") || parts[0].startsWith("../"))) {
                    mounts.add(new Mount(parts[0], parts[1], parts.length > 2 && parts[2].contains("ro")));
                }
            }
        }
        return new ComposeService(service, environment, mounts);
    }

    /** {@code ${VAR:-default}} → default, {@code ${VAR}} → empty: compose with nothing set. */
    static String resolve(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
