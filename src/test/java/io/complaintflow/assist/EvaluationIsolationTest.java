package io.complaintflow.assist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluation sets (src/test/resources/assist/eval) stay out of everything that is trained or tuned: no main
 * code or resource names them, and none of their complaints is in the seed training data, the development sets or
 * the safety lexicon — not even nearly (a few words changed).
 */
class EvaluationIsolationTest {

    private static final Path EVAL = Path.of("src/test/resources/assist/eval");
    private static final double NEAR_DUPLICATE = 0.5;

    private static List<String> evaluation;

    @BeforeAll
    static void load() throws IOException {
        evaluation = new ArrayList<>();
        evaluation.addAll(column(EVAL.resolve("safety-eval.tsv"), 3));
        evaluation.addAll(column(EVAL.resolve("category-heldout.tsv"), 2));
    }

    @Test
    void noMainCodeOrResourceNamesTheEvaluationSets() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String text = read(f);
                for (String name : List.of("assist/eval", "safety-eval", "category-heldout")) {
                    if (text.contains(name)) {
                        offenders.add(f + " names " + name);
                    }
                }
            });
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void noEvaluationComplaintIsInTheSeedTheDevelopmentSetsOrTheLexicon() throws IOException {
        assertThat(evaluation).hasSizeGreaterThan(500);
        List<String> trainedOrTuned = new ArrayList<>();
        SeedComplaints.all().forEach(c -> trainedOrTuned.add(c.subject() + c.description()));
        trainedOrTuned.addAll(column(Path.of("src/test/resources/assist/dev/category-dev.tsv"), 2));
        trainedOrTuned.addAll(column(Path.of("src/test/resources/assist/dev/safety-dev.tsv"), 3));
        List<Set<String>> shingles = trainedOrTuned.stream().map(EvaluationIsolationTest::bigrams).toList();

        List<String> nearDuplicates = new ArrayList<>();
        for (String e : evaluation) {
            Set<String> mine = bigrams(e);
            for (int i = 0; i < shingles.size(); i++) {
                if (jaccard(mine, shingles.get(i)) >= NEAR_DUPLICATE) {
                    nearDuplicates.add(e + "  ~  " + trainedOrTuned.get(i));
                }
            }
        }
        assertThat(nearDuplicates).as("evaluation complaints found in training or tuning data").isEmpty();

        String lexicon = read(Path.of("src/main/resources/assist/safety-lexicon.txt"))
                + read(Path.of("src/main/resources/assist/category-synonyms.txt"));
        List<String> copied = new ArrayList<>();
        for (String e : evaluation) {
            for (int i = 0; i + 10 <= e.length(); i++) {
                if (lexicon.contains(e.substring(i, i + 10))) {
                    copied.add(e.substring(i, i + 10) + "  (" + e + ")");
                    break;
                }
            }
        }
        assertThat(copied).as("ten characters of an evaluation complaint copied into the lexicon").isEmpty();
    }

    private static List<String> column(Path file, int index) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank())
                .map(l -> l.split("\t", index + 1)[index]).toList();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> bigrams(String text) {
        Set<String> s = new HashSet<>();
        for (int i = 0; i + 2 <= text.length(); i++) {
            s.add(text.substring(i, i + 2));
        }
        return s;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        int common = 0;
        for (String x : a) {
            common += b.contains(x) ? 1 : 0;
        }
        return (double) common / (a.size() + b.size() - common);
    }
}
