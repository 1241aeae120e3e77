package io.complaintflow.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.complaintflow.ComplaintFlowApplication;
import io.complaintflow.testdb.DatabaseCoordinates;
import io.complaintflow.testdb.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image without a Docker engine: lays out in a temporary folder exactly what the final stage of
 * {@code Dockerfile} copies (parsed from the file, so this test follows it), and starts the application there
 * as its own JVM, from that folder as working directory, with the Dockerfile's ENV and ENTRYPOINT flags and the
 * environment {@code docker-compose.yml} gives node {@code app1} — on PostgreSQL — then waits for the
 * HEALTHCHECK's URL, checks liveness, the models and the shipped calendar, and stops it (SIGTERM, as
 * {@code docker stop}).
 *
 * <p>What stands in for what, since {@code ./mvnw test} runs before the jar exists and no Docker is here:
 * <ul>
 *   <li>the build stage's artifact ({@code COPY --from=build}) is the compiled application: {@code target/classes}
 *       and the runtime dependencies (exactly Maven's runtime classpath, {@code target/runtime-classpath.txt},
 *       what the jar's {@code BOOT-INF/lib} holds) copied into the folder where the artifact lands; the ENTRYPOINT's
 *       {@code -jar} becomes {@code -cp} of those with the main class. Files the build creates beyond that (the
 *       ahead-of-time cache of the training run) are not there: their flags are dropped and reported;</li>
 *   <li>the final stage's JRE (its FROM) is the JVM running this test: the suite runs on Java 17 (CI, a new user),
 *       the image on Java 25, so the application is proven on 17 here and on 25 by {@code bench/image-startup.sh};</li>
 *   <li>compose's service names are this machine's: {@code postgres} is the test's PostgreSQL (a fresh database,
 *       user postgres), {@code mailpit} a GreenMail SMTP server in this JVM; the container port 8080 a free one;</li>
 *   <li>{@code USER}: when this test runs as root, the JVM runs as {@code nobody} (via setpriv) on a layout owned
 *       by root and not writable — what the image's non-root user meets; otherwise as the current user on a
 *       read-only layout.</li>
 * </ul>
 * Not proven here: the Docker build itself (Maven in the JDK image, the jar's nested-jar launcher, the extract and
 * the training run), the base image's JRE and curl, the HEALTHCHECK's timing, compose's networking and nginx.
 *
 * <p>Runs on the PostgreSQL pass (the one that needs a server); skipped, counted, where no PostgreSQL can be had.
 */
class ImageLayoutTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final Duration START_LIMIT = Duration.ofSeconds(Long.getLong("complaintflow.test.image-start-seconds", 600));
    private static final String ADMIN = "demo";

    @TempDir Path temp;
    private Process app;
    private GreenMail smtp;
    private final List<String> substitutions = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (app != null && app.isAlive()) {
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (Files.isDirectory(temp.resolve("image"))) {
            permissions(temp.resolve("image"), "rwxr-xr-x", "rw-r--r--"); // so @TempDir can delete it
        }
    }

    @Test
    void theImageLaidOutAsTheDockerfileSaysStartsOnPostgresAsComposeConfiguresIt() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgresRun(),
                "the image layout test runs on the PostgreSQL pass (one JVM start per build)");
        Dockerfile dockerfile = Dockerfile.parse(REPO.resolve("Dockerfile"));
        ComposeService node = ComposeService.read(REPO.resolve("docker-compose.yml"), "app1");
        assertThat(dockerfile.user()).as("USER of the final stage").isNotIn("root", "0", "0:0");

        Path root = Files.createDirectories(temp.resolve("image"));
        Path workdir = inImage(root, dockerfile.workdir());
        Files.createDirectories(workdir);
        List<String> classpath = layOut(root, dockerfile);
        for (ComposeService.Mount mount : node.mounts()) { // a bind mount hides what the image has there
            Path target = inImage(root, mount.target());
            delete(target);
            copy(REPO.resolve(mount.source()).normalize(), target);
            substitutions.add("bind mount " + mount.source() + " → " + mount.target() + " (copied)");
        }

        Map<String, String> env = new LinkedHashMap<>(dockerfile.env());
        env.putAll(node.environment());
        DatabaseCoordinates database = TestDatabase.fresh("image");
        rewireServices(env, database);
        int port = freePort();
        env.put("SERVER_PORT", String.valueOf(port));
        substitutions.add("container port " + dockerfile.healthPort() + " → " + port);

        List<String> command = command(dockerfile, root, classpath);
        substitutions.add("the JRE of " + dockerfile.base() + " → this JVM's (Java "
                + Runtime.version().feature() + ")");
        lockDown(root);
        Path log = temp.resolve("app.log");
        ProcessBuilder builder = new ProcessBuilder(asNonRoot(command)).directory(workdir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(env);
        System.out.println("== image layout: " + String.join(" ", command).replace(String.join(File.pathSeparator,
                classpath), "<" + classpath.size() + " entries of the laid-out artifact>"));
        System.out.println("== image layout: substituted " + substitutions);

        Instant started = Instant.now();
        app = builder.start();
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> ready = waitFor(base + dockerfile.healthPath(), log);
        Duration took = Duration.between(started, Instant.now());
        System.out.println("== image layout: " + dockerfile.healthPath() + " answered 200 after " + took.toMillis()
                + " ms: " + ready.body());

        assertThat(get(base + "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        JsonNode definitions = json(get(base + "/engine-rest/process-definition?key=complaint-handling", ADMIN));
        assertThat(definitions.size()).as("complaint-handling deployed from the laid-out processes/").isEqualTo(1);
        assertThat(definitions.get(0).get("deploymentId").asText()).isNotBlank();
        JsonNode forms = json(get(base + "/engine-rest/deployment/" + definitions.get(0).get("deploymentId").asText()
                + "/resources", ADMIN));
        assertThat(forms.findValuesAsText("name")).as("forms/ deployed with the models").contains("triage-review.form");
        assertThat(Files.list(workdir).map(p -> p.getFileName().toString()).toList())
                .as("nothing written into the image's working directory").doesNotContain("data");

        app.destroy();
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }

    /** Copies every COPY of the final stage into the folder; returns the classpath standing in for the jar. */
    private List<String> layOut(Path root, Dockerfile dockerfile) throws IOException {
        List<String> classpath = null;
        for (Dockerfile.Copy copy : dockerfile.copies()) {
            Path destination = inImage(root, copy.destination());
            if (copy.fromContext()) {
                for (String source : copy.sources()) {
                    Path from = REPO.resolve(source).normalize();
                    assertThat(from).as("COPY source " + source + " exists in the build context").exists();
                    boolean intoFolder = copy.sources().size() > 1 || copy.destination().endsWith("/")
                            || (Files.isDirectory(destination) && Files.isRegularFile(from));
                    Path to = intoFolder ? destination.resolve(from.getFileName()) : destination;
                    copy(from, to);
                }
            } else {
                String jar = applicationJar(dockerfile);
                assertThat(jar).as("the ENTRYPOINT's jar comes from COPY --from=" + copy.fromStage())
                        .startsWith(copy.destination());
                classpath = artifact(destination, inImage(root, jar));
                substitutions.add("COPY --from=" + copy.fromStage() + " " + copy.sources() + " → target/classes + "
                        + (classpath.size() - 1) + " runtime jars in " + copy.destination());
            }
        }
        assertThat(classpath).as("a COPY --from=build brings the application").isNotNull();
        return classpath;
    }

    /** target/classes and the runtime jars, copied where the build stage's artifact lands. */
    private List<String> artifact(Path destination, Path jar) throws IOException {
        Path home = jar.getParent();
        Files.createDirectories(home);
        Path classes = home.resolve("classes");
        copy(REPO.resolve("target/classes"), classes);
        List<String> entries = new ArrayList<>(List.of(classes.toString()));
        Path lib = Files.createDirectories(home.resolve("lib"));
        Path list = REPO.resolve("target/runtime-classpath.txt");
        assertThat(list).as("written by the dependency plugin before the tests (pom.xml)").exists();
        for (String entry : Files.readString(list).strip().split(File.pathSeparator)) {
            Path dependency = Path.of(entry);
            Path copied = lib.resolve(dependency.getFileName());
            Files.copy(dependency, copied);
            entries.add(copied.toString());
        }
        return entries;
    }

    private static String applicationJar(Dockerfile dockerfile) {
        List<String> entrypoint = dockerfile.entrypoint();
        int jar = entrypoint.indexOf("-jar");
        assertThat(jar).as("ENTRYPOINT runs java -jar").isPositive();
        return Dockerfile.absolute(dockerfile.workdir(), entrypoint.get(jar + 1));
    }

    /** The ENTRYPOINT with -jar replaced by the laid-out classpath and flags naming absent build files dropped. */
    private List<String> command(Dockerfile dockerfile, Path root, List<String> classpath) {
        List<String> entrypoint = dockerfile.entrypoint();
        assertThat(entrypoint.get(0)).as("ENTRYPOINT starts java").isEqualTo("java");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (int i = 1; i < entrypoint.size(); i++) {
            String arg = entrypoint.get(i);
            if (arg.equals("-jar")) {
                command.add("-cp");
                command.add(String.join(File.pathSeparator, classpath));
                command.add(ComplaintFlowApplication.class.getName());
                i++;
            } else if (arg.startsWith("-XX:SharedArchiveFile=") || arg.startsWith("-XX:AOTCache=")) {
                String made = arg.startsWith("-XX:AOTCache=") ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=";
                String archive = Dockerfile.absolute(dockerfile.workdir(), arg.substring(arg.indexOf('=') + 1));
                assertThat(dockerfile.runs()).as("a RUN of the final stage makes " + archive)
                        .anyMatch(run -> run.contains(made + archive));
                substitutions.add("dropped " + arg + " (made by the training run in the image build)");
            } else {
                command.add(arg);
            }
        }
        return command;
    }

    /** compose's service names → this machine's servers; the database → this test's fresh one. */
    private void rewireServices(Map<String, String> env, DatabaseCoordinates database) throws IOException {
        String url = env.get("COMPLAINTFLOW_DB_URL");
        String user = env.get("COMPLAINTFLOW_DB_USER");
        assertThat(url).as("compose gives the node its database").startsWith("jdbc:postgresql://postgres:");
        env.put("COMPLAINTFLOW_DB_URL", database.url());
        env.put("COMPLAINTFLOW_DB_USER", database.username());
        env.put("COMPLAINTFLOW_DB_PASSWORD", database.password());
        substitutions.add(url + " (user " + user + ") → " + database.url() + " (user " + database.username() + ")");
        if ("mailpit".equals(env.get("SPRING_MAIL_HOST"))) {
            int smtpPort = freePort();
            smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            substitutions.add("mailpit:" + env.get("SPRING_MAIL_PORT") + " → GreenMail 127.0.0.1:" + smtpPort);
            env.put("SPRING_MAIL_HOST", "127.0.0.1");
            env.put("SPRING_MAIL_PORT", String.valueOf(smtpPort));
        }
    }

    /** Root-owned and not writable, as COPY without --chown leaves the image's files to its non-root user. */
    private void lockDown(Path root) throws IOException {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        permissions(root, "r-xr-xr-x", "r--r--r--");
    }

    private static void permissions(Path root, String directories, String files) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? directories : files));
            }
        }
    }

    private List<String> asNonRoot(List<String> command) throws IOException {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            return command;
        }
        substitutions.add("USER → nobody");
        List<String> wrapped = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup",
                "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private HttpResponse<String> waitFor(String url, Path log) throws Exception {
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) {
                throw new AssertionError("the application stopped with " + app.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<String> response = get(url, null);
                if (response.statusCode() == 200) {
                    return response;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(url + " not 200 within " + START_LIMIT + ":\n" + tail(log));
    }

    private static HttpResponse<String> get(String url, String user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }

    private static Path inImage(Path root, String absolute) {
        return root.resolve(absolute.substring(1));
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            try (Stream<Path> all = Files.walk(from)) {
                for (Path p : all.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        } else {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        }
    }

    private static void delete(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> all = Files.walk(path)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
