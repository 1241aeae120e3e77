package io.complaintflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.config.SettingsRecords.Property;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is the one place an operator reads every setting: each property of each settings record is
 * a key in the first column of its tables (a map's keys as {@code name.<key>}), and every {@code complaintflow.*} key
 * there is a property.
 */
class SettingsDocumentedTest {

    private static final Path DOC = Path.of("docs/configuration.md");
    private static final Pattern KEY = Pattern.compile("`(complaintflow\\.[a-z0-9.<>*-]+)`");

    @Test
    void everyPropertyOfEverySettingsRecordIsInTheConfigurationDoc() throws IOException {
        Set<String> documented = documentedKeys();
        List<String> missing = SettingsRecords.properties().stream()
                .filter(p -> !documented(p, documented))
                .map(p -> p.name() + (p.map() ? ".<key>" : "") + " (" + p.owner().getSimpleName() + ")")
                .toList();

        assertThat(missing).as("properties missing from " + DOC).isEmpty();
    }

    @Test
    void everyKeyInTheConfigurationDocIsAProperty() throws IOException {
        List<Property> properties = SettingsRecords.properties();
        List<String> unknown = documentedKeys().stream()
                .filter(key -> properties.stream().noneMatch(p -> key.equals(p.name())
                        || p.map() && key.startsWith(p.name() + ".")))
                .toList();

        assertThat(unknown).as("keys in " + DOC + " that no settings record has").isEmpty();
    }

    @Test
    void theScanFindsTheRecordsOfEveryFeature() {
        assertThat(SettingsRecords.all()).extracting(Class::getSimpleName)
                .contains("SurgeProperties", "MailProperties", "PrivacySettings", "CalendarProperties");
    }

    private static boolean documented(Property property, Set<String> keys) {
        return keys.contains(property.name())
                || property.map() && keys.stream().anyMatch(k -> k.startsWith(property.name() + "."));
    }

    /** The keys in the first column of the doc's tables. */
    private static Set<String> documentedKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("| `")) {
                Matcher m = KEY.matcher(line.substring(0, line.indexOf(" |", 2)));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }
}
