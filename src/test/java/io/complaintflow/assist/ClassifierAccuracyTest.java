package io.complaintflow.assist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trains on the labelled complaints in src/test/resources/assist (every row whose id is not a multiple of 5) and
 * measures on the rest. Prints the figures docs/assistance.md quotes; the floors are justified there.
 */
class ClassifierAccuracyTest {

    static final double CATEGORY_FLOOR = 0.75;
    static final double DEPARTMENT_FLOOR = 0.70;
    static final double GRADE_FLOOR = 0.80;
    static final double CV_FLOOR = 0.70;

    private static List<LabelledComplaint> train;
    private static List<LabelledComplaint> test;
    private static Map<String, String> sensitiveWords;

    @BeforeAll
    static void load() throws IOException {
        List<LabelledComplaint> all = LabelledSet.load();
        train = all.stream().filter(c -> !LabelledSet.isTest(c)).toList();
        test = all.stream().filter(LabelledSet::isTest).toList();
        sensitiveWords = LabelledSet.seededSensitiveWords();
    }

    @Test
    void theModelBeatsItsFloorsAndTheKeywordBaseline() {
        assertThat(train.size() + test.size()).isGreaterThanOrEqualTo(300);
        TextModel model = TextModel.train(train, 1, Instant.EPOCH);
        List<Suggestion> byModel = new ArrayList<>();
        List<Suggestion> byKeywords = new ArrayList<>();
        for (LabelledComplaint c : test) {
            String topic = topic(c.text());
            byModel.add(AssistService.withGradeFloor(model.suggest(c.text()), topic));
            byKeywords.add(KeywordBaseline.suggest(c.text(), topic));
        }
        double category = accuracy(byModel, s -> s.category().value(), LabelledComplaint::category);
        double department = accuracy(byModel, s -> s.department().value(), LabelledComplaint::department);
        double grade = accuracy(byModel, s -> s.grade().value(), LabelledComplaint::grade);
        double keywordCategory = accuracy(byKeywords, s -> s.category().value(), LabelledComplaint::category);
        double keywordDepartment = accuracy(byKeywords, s -> s.department().value(), LabelledComplaint::department);
        double keywordGrade = accuracy(byKeywords, s -> s.grade().value(), LabelledComplaint::grade);

        System.out.printf("Text assistance accuracy on %d held-out complaints (trained on %d):%n", test.size(),
                train.size());
        System.out.printf("  category    model %.3f   keywords %.3f   floor %.2f%n", category, keywordCategory,
                CATEGORY_FLOOR);
        System.out.printf("  department  model %.3f   keywords %.3f   floor %.2f%n", department, keywordDepartment,
                DEPARTMENT_FLOOR);
        System.out.printf("  grade       model %.3f   keywords %.3f   floor %.2f%n", grade, keywordGrade,
                GRADE_FLOOR);
        printMisses(byModel);

        assertThat(category).as("category accuracy").isGreaterThanOrEqualTo(CATEGORY_FLOOR);
        assertThat(department).as("department accuracy").isGreaterThanOrEqualTo(DEPARTMENT_FLOOR);
        assertThat(grade).as("grade accuracy").isGreaterThanOrEqualTo(GRADE_FLOOR);
        assertThat(category).as("the model is worth switching to").isGreaterThan(keywordCategory);
    }

    /** The fixed split could be a lucky one: the same method on all five folds (each fifth held out in turn). */
    @Test
    void crossValidationStaysNearTheFixedSplit() throws IOException {
        List<LabelledComplaint> all = LabelledSet.load();
        double sum = 0;
        double min = 1;
        StringBuilder folds = new StringBuilder();
        for (int fold = 0; fold < 5; fold++) {
            int k = fold;
            List<LabelledComplaint> in = all.stream().filter(c -> Integer.parseInt(c.caseNumber()) % 5 != k).toList();
            List<LabelledComplaint> out = all.stream().filter(c -> Integer.parseInt(c.caseNumber()) % 5 == k).toList();
            TextModel model = TextModel.train(in, 1, Instant.EPOCH);
            long right = out.stream().filter(c -> model.suggest(c.text()).category().value().equals(c.category()))
                    .count();
            double accuracy = (double) right / out.size();
            sum += accuracy;
            min = Math.min(min, accuracy);
            folds.append(String.format(" %.3f", accuracy));
        }
        System.out.printf("  category, 5-fold cross-validation:%s, mean %.3f%n", folds, sum / 5);
        assertThat(sum / 5).as("mean category accuracy over five folds").isGreaterThanOrEqualTo(CV_FLOOR);
    }

    /** Confidence is what the low-confidence flag reads: suggestions above the threshold should mostly be right. */
    @Test
    void confidentCategorySuggestionsAreMostlyRight() {
        TextModel model = TextModel.train(train, 1, Instant.EPOCH);
        double threshold = 0.6;
        int sure = 0;
        int sureRight = 0;
        int unsureRight = 0;
        for (LabelledComplaint c : test) {
            Guess g = model.suggest(c.text()).category();
            boolean right = g.value().equals(c.category());
            if (g.confidence() >= threshold) {
                sure++;
                sureRight += right ? 1 : 0;
            } else {
                unsureRight += right ? 1 : 0;
            }
        }
        System.out.printf("  category at confidence >= %.1f: %d/%d right; below: %d/%d right%n", threshold,
                sureRight, sure, unsureRight, test.size() - sure);
        assertThat(sure).isGreaterThan(test.size() / 2);
        assertThat((double) sureRight / sure).isGreaterThanOrEqualTo(CATEGORY_FLOOR);
    }

    @Test
    void similarComplaintsShareTheCategory() {
        TextModel model = TextModel.train(train, 1, Instant.EPOCH);
        int withAny = 0;
        int sameCategory = 0;
        for (LabelledComplaint c : test) {
            var similar = model.similar(c.text(), 1, 0.15);
            if (!similar.isEmpty()) {
                withAny++;
                sameCategory += similar.get(0).complaint().category().equals(c.category()) ? 1 : 0;
            }
        }
        System.out.printf("  most similar past complaint: found for %d/%d, same category for %d%n", withAny,
                test.size(), sameCategory);
        assertThat(withAny).isGreaterThan(test.size() / 2);
        // ten categories: chance is about 0.1; neighbouring categories (after-sales / product-quality) share words
        assertThat((double) sameCategory / withAny).isGreaterThanOrEqualTo(0.5);
    }

    private String topic(String text) {
        for (String topic : SensitiveTopic.BY_SEVERITY) {
            for (var e : sensitiveWords.entrySet()) {
                if (e.getValue().equals(topic) && text.contains(e.getKey())) {
                    return topic;
                }
            }
        }
        return SensitiveTopic.NONE;
    }

    private static double accuracy(List<Suggestion> suggestions, Function<Suggestion, String> suggested,
                                   Function<LabelledComplaint, String> truth) {
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            right += suggested.apply(suggestions.get(i)).equals(truth.apply(test.get(i))) ? 1 : 0;
        }
        return (double) right / test.size();
    }

    private static void printMisses(List<Suggestion> byModel) {
        for (int i = 0; i < test.size(); i++) {
            LabelledComplaint c = test.get(i);
            Suggestion s = byModel.get(i);
            if (!s.category().value().equals(c.category())) {
                System.out.printf("  miss %s: %s → %s (%.2f)%n", c.caseNumber(), c.category(), s.category().value(),
                        s.category().confidence());
            }
        }
    }

    /** The labelled file and the word list the migration seeds. */
    static final class LabelledSet {

        static List<LabelledComplaint> load() throws IOException {
            List<String> lines = Files.readAllLines(Path.of("src/test/resources/assist/labelled-complaints.csv"),
                    StandardCharsets.UTF_8);
            return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", 6))
                    .map(f -> new LabelledComplaint(f[0], f[4], f[5], f[1], f[2], f[3], null))
                    .collect(Collectors.toList());
        }

        /** A fixed, deterministic split: every fifth complaint (by id) is held out. */
        static boolean isTest(LabelledComplaint c) {
            return Integer.parseInt(c.caseNumber()) % 5 == 0;
        }

        static Map<String, String> seededSensitiveWords() throws IOException {
            String sql = Files.readString(Path.of("src/main/resources/db/migration/V40__text_assistance.sql"));
            Matcher m = Pattern.compile("\\('([^']+)', '(\\w+)', 'system'").matcher(sql);
            Map<String, String> words = new java.util.LinkedHashMap<>();
            while (m.find()) {
                words.put(m.group(1), m.group(2));
            }
            return words;
        }
    }
}
