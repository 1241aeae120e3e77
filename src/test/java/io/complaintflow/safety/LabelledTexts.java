package io.complaintflow.safety;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The tab-separated safety sets: {@code id label note text}, label {@code safety} or {@code ordinary}. */
record LabelledTexts(String id, boolean safety, String note, String text) {

    static final Path DEVELOPMENT = Path.of("src/test/resources/assist/dev/safety-dev.tsv");
    static final Path EVALUATION = Path.of("src/test/resources/assist/eval/safety-eval.tsv");

    static List<LabelledTexts> load(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank())
                .map(l -> l.split("\t", 4))
                .map(f -> new LabelledTexts(f[0], f[1].equals("safety"), f[2], f[3]))
                .toList();
    }
}
