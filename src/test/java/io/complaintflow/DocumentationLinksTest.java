package io.complaintflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README, docs/ and bench/README.md link to each other and to files of the repository: every relative link
 * must name a file that exists and, with a {@code #fragment}, a heading of that file (GitHub's anchor rules).
 * A reader who follows a link lands somewhere.
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

    @Test
    void everyRelativeLinkInTheDocumentationLeadsToAFileAndHeadingThatExist() throws IOException {
        List<String> dead = new ArrayList<>();
        for (Path doc : documents()) {
            for (String target : links(doc)) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, https:, mailto: — outside the repository
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    dead.add(doc + " → " + target + " (no such file)");
                } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    dead.add(doc + " → " + target + " (no such heading)");
                }
            }
        }
        assertThat(dead).as("dead links in the documentation").isEmpty();
    }

    @Test
    void theFrontDoorStaysShort() throws IOException {
        assertThat(Files.readAllLines(Path.of("README.md"))).as("README.md lines").hasSizeLessThanOrEqualTo(250);
    }

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md").toAbsolutePath(), Path.of("bench/README.md").toAbsolutePath()));
        try (Stream<Path> files = Files.list(Path.of("docs").toAbsolutePath())) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    private static List<String> links(Path doc) throws IOException {
        List<String> links = new ArrayList<>();
        boolean code = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("```")) {
                code = !code;
                continue;
            }
            if (code) {
                continue;
            }
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
            while (m.find()) {
                links.add(m.group(1));
            }
        }
        return links;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped (letters of any script kept), spaces to hyphens. */
    static Set<String> anchors(Path doc) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean code = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("```")) {
                code = !code;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!code && m.matches()) {
                String base = m.group(1).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}\\p{M}\\- _]", "").replace(' ', '-');
                String anchor = base;
                for (int i = 1; !anchors.add(anchor); i++) {
                    anchor = base + "-" + i;
                }
            }
        }
        return anchors;
    }
}
