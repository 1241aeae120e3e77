package io.complaintflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table has one package that writes it (docs/design.md); the others read, or call the owner. ArchUnit sees
 * calls, not the SQL inside strings, so this reads the main sources: an {@code insert into}, {@code update},
 * {@code delete from} or {@code merge into} of an owned table anywhere else fails, naming the class.
 */
class TableWritersTest {

    private static final Path SOURCES = Path.of("src/main/java/io/complaintflow");

    /** Table → the package that alone writes it. */
    private static final Map<String, String> OWNERS = Map.of("complaint", "complaint");

    private static final Pattern WRITE = Pattern.compile(
            "(?i)\\b(?:insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+([a-z_][a-z0-9_]*)\\b");

    @Test
    void onlyItsOwnerWritesAnOwnedTable() throws IOException {
        assertThat(writersOutsideTheOwner()).isEmpty();
    }

    @Test
    void theScanFindsTheOwnersOwnWrites() throws IOException {
        assertThat(writes(SOURCES.resolve("complaint/ComplaintRepository.java"))).contains("complaint");
    }

    private static List<String> writersOutsideTheOwner() throws IOException {
        TreeSet<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                for (String table : writes(file)) {
                    String owner = OWNERS.get(table);
                    if (owner != null && !owner.equals(pkg)) {
                        found.add(SOURCES.relativize(file) + " writes " + table + " (owner: " + owner + "/)");
                    }
                }
            }
        }
        return List.copyOf(found);
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
