package io.complaintflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table has one package that writes it (docs/design.md, "One writer per table"); the others read, or call the
 * owner. ArchUnit sees calls, not the SQL inside strings, so this reads the main sources: every {@code insert into},
 * {@code update}, {@code delete from} or {@code merge into} names a table, and no table may be named so by two
 * packages. No exceptions: privacy/Erasure asks each owner to anonymise its rows (complaint/PersonalRecords). The
 * engine's own tables ({@code ACT_…}, named at run time with the engine's prefix) are the engine's, not ours.
 */
class TableWritersTest {

    private static final Path SOURCES = Path.of("src/main/java/io/complaintflow");

    /** {@code on conflict … do update set}: an upsert's second half, not a table called "set". */
    private static final Pattern WRITE = Pattern.compile(
            "(?i)\\b(?:insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+(?!set\\b)([a-z_][a-z0-9_]*)\\b");

    @Test
    void everyTableIsWrittenByOnePackage() throws IOException {
        Map<String, TreeSet<String>> writers = writers();
        assertThat(writers).as("tables the scan found written").hasSizeGreaterThan(30);
        assertThat(writers.entrySet().stream().filter(e -> packages(e.getValue()).size() > 1)
                .map(e -> e.getKey() + " written by " + e.getValue()).toList()).isEmpty();
    }

    @Test
    void erasureWritesOnlyItsOwnLedger() throws IOException {
        assertThat(writes(SOURCES.resolve("privacy/Erasure.java"))).containsExactly("privacy_erasure");
    }

    @Test
    void theScanFindsTheOwnersOwnWrites() throws IOException {
        assertThat(writes(SOURCES.resolve("complaint/ComplaintRepository.java")))
                .contains("complaint", "complaint_department", "timeline_entry");
        assertThat(writes(SOURCES.resolve("crisis/Crises.java"))).contains("crisis", "crisis_event");
        assertThat(writes(SOURCES.resolve("web/SessionAttributeUpsert.java"))).doesNotContain("set");
    }

    /** Table → the classes (package/Class) that write it. */
    private static Map<String, TreeSet<String>> writers() throws IOException {
        Map<String, TreeSet<String>> writers = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = SOURCES.relativize(file).toString().replace(".java", "");
                for (String table : writes(file)) {
                    writers.computeIfAbsent(table, t -> new TreeSet<>()).add(name);
                }
            }
        }
        return writers;
    }

    private static TreeSet<String> packages(TreeSet<String> classes) {
        TreeSet<String> packages = new TreeSet<>();
        classes.forEach(c -> packages.add(c.substring(0, c.lastIndexOf('/'))));
        return packages;
    }

    private static List<String> writes(Path file) throws IOException {
        Matcher m = WRITE.matcher(Files.readString(file));
        TreeSet<String> tables = new TreeSet<>();
        while (m.find()) {
            tables.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        return List.copyOf(tables);
    }
}
