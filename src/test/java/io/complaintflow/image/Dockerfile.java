package io.complaintflow.image;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of a Dockerfile's final stage that decide what the container holds and how it starts: its base
 * image (FROM) and what WORKDIR, COPY, ENV, USER, HEALTHCHECK and ENTRYPOINT say. Only the forms this project's
 * Dockerfile uses are understood; anything else in the final stage fails the parse, so a change to the file cannot
 * slip past the layout test unnoticed.
 */
record Dockerfile(String base, String workdir, List<Copy> copies, Map<String, String> env, String user,
                  String healthcheck, List<String> entrypoint, List<String> runs) {

    /** {@code COPY [--from=stage] [--chown=…] source… destination}, destination absolute (resolved on WORKDIR). */
    record Copy(String fromStage, List<String> sources, String destination) {
        boolean fromContext() {
            return fromStage == null;
        }
    }

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S*))");

    static Dockerfile parse(Path file) throws IOException {
        List<String> instructions = instructions(Files.readAllLines(file));
        int lastFrom = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (keyword(instructions.get(i)).equals("FROM")) {
                lastFrom = i;
            }
        }
        if (lastFrom < 0) {
            throw new IllegalStateException(file + " has no FROM");
        }
        String workdir = "/";
        List<Copy> copies = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        String user = "root";
        String healthcheck = null;
        List<String> entrypoint = null;
        List<String> runs = new ArrayList<>();
        for (String instruction : instructions.subList(lastFrom + 1, instructions.size())) {
            String keyword = keyword(instruction);
            String args = instruction.substring(keyword.length()).trim();
            switch (keyword) {
                case "WORKDIR" -> workdir = absolute(workdir, args);
                case "COPY" -> copies.add(copy(workdir, args));
                case "ENV" -> env.putAll(env(args));
                case "USER" -> user = args;
                case "HEALTHCHECK" -> healthcheck = args;
                case "ENTRYPOINT" -> entrypoint = json(args);
                case "RUN" -> runs.add(args);
                case "EXPOSE", "LABEL", "ARG" -> { }
                default -> throw new IllegalStateException("The image layout test does not understand " + keyword
                        + " in the final stage of " + file + ": teach ImageLayoutTest what it means");
            }
        }
        if (entrypoint == null) {
            throw new IllegalStateException(file + ": the final stage has no ENTRYPOINT in exec (JSON) form");
        }
        String base = instructions.get(lastFrom).substring("FROM".length()).trim().split("\\s+")[0];
        return new Dockerfile(base, workdir, copies, env, user, healthcheck, entrypoint, runs);
    }

    /** Lines joined at trailing backslashes, comments and blank lines dropped. */
    private static List<String> instructions(List<String> lines) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (!current.isEmpty() && line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                current.append(line);
                result.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            result.add(current.toString().strip());
        }
        return result;
    }

    private static String keyword(String instruction) {
        int space = instruction.indexOf(' ');
        return (space < 0 ? instruction : instruction.substring(0, space)).toUpperCase();
    }

    private static Copy copy(String workdir, String args) {
        List<String> words = new ArrayList<>(List.of(args.split("\\s+")));
        String from = null;
        while (!words.isEmpty() && words.get(0).startsWith("--")) {
            String flag = words.remove(0);
            if (flag.startsWith("--from=")) {
                from = flag.substring("--from=".length());
            } else if (!flag.startsWith("--chown=") && !flag.startsWith("--chmod=") && !flag.equals("--link")) {
                throw new IllegalStateException("COPY flag " + flag + " is not understood by the image layout test");
            }
        }
        if (words.size() < 2) {
            throw new IllegalStateException("COPY needs a source and a destination: " + args);
        }
        String destination = words.remove(words.size() - 1);
        return new Copy(from, List.copyOf(words), absolute(workdir, destination) + (destination.endsWith("/") ? "/" : ""));
    }

    static Map<String, String> env(String args) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = ENV_PAIR.matcher(args);
        int end = 0;
        while (m.find()) {
            if (!args.substring(end, m.start()).isBlank()) {
                throw new IllegalStateException("ENV not in KEY=value form: " + args);
            }
            env.put(m.group(1), m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(4));
            end = m.end();
        }
        if (env.isEmpty() || !args.substring(end).isBlank()) {
            throw new IllegalStateException("ENV not in KEY=value form: " + args);
        }
        return env;
    }

    private static List<String> json(String args) {
        try {
            return new ObjectMapper().readValue(args, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("ENTRYPOINT is not in exec (JSON) form: " + args, e);
        }
    }

    static String absolute(String workdir, String path) {
        String joined = path.startsWith("/") ? path : (workdir.endsWith("/") ? workdir : workdir + "/") + path;
        return Path.of(joined).normalize().toString();
    }

    /** The URL path the HEALTHCHECK command asks for, e.g. {@code /actuator/health/readiness}. */
    String healthPath() {
        if (healthcheck == null) {
            throw new IllegalStateException("the final stage has no HEALTHCHECK");
        }
        Matcher m = Pattern.compile("https?://[^/\\s]+(/\\S*)").matcher(healthcheck);
        if (!m.find()) {
            throw new IllegalStateException("HEALTHCHECK names no http URL: " + healthcheck);
        }
        return m.group(1);
    }

    /** The port in the HEALTHCHECK's URL: the one the application listens on inside the container. */
    int healthPort() {
        Matcher m = Pattern.compile("https?://[^:/\\s]+:(\\d+)/").matcher(healthcheck == null ? "" : healthcheck);
        return m.find() ? Integer.parseInt(m.group(1)) : 80;
    }
}
