package io.complaintflow.assist;

import io.complaintflow.safety.SafetyDetector;
import io.complaintflow.safety.SafetyLexicon;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What was learnt from one set of closed complaints: three naive Bayes classifiers (category, lead department,
 * grade) and a TF-IDF index of the same complaints for "similar past complaints". Immutable.
 */
public final class TextModel {

    private final long version;
    private final Instant trainedAt;
    private final List<LabelledComplaint> complaints;
    private final NaiveBayes category;
    private final NaiveBayes department;
    private final NaiveBayes grade;
    private final List<Map<String, Double>> vectors = new ArrayList<>();
    private final Map<String, Double> idf = new HashMap<>();

    private TextModel(long version, Instant trainedAt, List<LabelledComplaint> complaints) {
        this.version = version;
        this.trainedAt = trainedAt;
        this.complaints = List.copyOf(complaints);
        List<List<String>> docs = complaints.stream().map(c -> features(c.text())).toList();
        List<List<String>> terms = complaints.stream().map(c -> words(c.text())).toList();
        this.category = new NaiveBayes(docs, complaints.stream().map(LabelledComplaint::category).toList());
        this.department = new NaiveBayes(docs, complaints.stream().map(LabelledComplaint::department).toList());
        this.grade = new NaiveBayes(docs, complaints.stream().map(LabelledComplaint::grade).toList());
        Map<String, Integer> documentFrequency = new HashMap<>();
        terms.forEach(d -> d.stream().distinct().forEach(w -> documentFrequency.merge(w, 1, Integer::sum)));
        documentFrequency.forEach((w, n) -> idf.put(w, Math.log((1.0 + terms.size()) / (1.0 + n)) + 1));
        terms.forEach(d -> vectors.add(vector(d)));
    }

    /** Needs at least one complaint. */
    public static TextModel train(List<LabelledComplaint> complaints, long version, Instant trainedAt) {
        return new TextModel(version, trainedAt, complaints);
    }

    public long version() {
        return version;
    }

    public Instant trainedAt() {
        return trainedAt;
    }

    public int size() {
        return complaints.size();
    }

    public Suggestion suggest(String text) {
        List<String> words = features(text);
        return new Suggestion(guess(category, words), guess(department, words), guess(grade, words),
                Suggestion.MODEL, version, false);
    }

    /**
     * What the classifiers see: the segmenter's words without function words, the pairs of adjacent Chinese
     * characters (they catch compounds the segmenter's dictionary splits differently, e.g. "退一赔三"), one
     * {@code kw:<category>} feature per hand-picked keyword and two {@code syn:<category>} per category synonym
     * found, and three {@code safety} features when the built-in safety lexicon finds injury or hazard language —
     * all weighed by what the model learnt. (Weights chosen by cross-validation on the seed complaints and the
     * development set, issue #24.)
     */
    static List<String> features(String text) {
        List<String> features = words(text);
        String t = text == null ? "" : text;
        for (int i = 0; i + 1 < t.length(); i++) {
            char a = t.charAt(i);
            char b = t.charAt(i + 1);
            if (Character.isIdeographic(a) && Character.isIdeographic(b)) {
                features.add("#" + a + b);
            }
        }
        features.addAll(KeywordBaseline.hits(text));
        List<String> synonyms = CategorySynonyms.hits(text);
        features.addAll(synonyms);
        features.addAll(synonyms);
        if (SAFETY.detect(text).flagged()) {
            features.addAll(SAFETY_FEATURES);
        }
        return features;
    }

    /** What similarity compares: the words alone, without function words. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : TextTokenizer.get().tokens(text)) {
            if (!STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    private static final SafetyDetector SAFETY = new SafetyDetector(SafetyLexicon.builtIn());
    private static final List<String> SAFETY_FEATURES = List.of("safety", "safety", "safety");

    private static final Set<String> STOP_WORDS = Set.of("的", "了", "我", "你", "他", "她", "们", "是", "在", "就",
            "都", "也", "还", "和", "与", "着", "把", "被", "给", "让", "说", "这", "那", "个", "一", "吗", "呢", "吧",
            "啊", "要", "会", "到", "上", "下", "又", "很", "再", "对");

    private static Guess guess(NaiveBayes classifier, List<String> words) {
        NaiveBayes.Prediction p = classifier.predict(words);
        return new Guess(p.label(), p.confidence());
    }

    /** The closed complaints most like {@code text} (cosine of TF-IDF vectors), best first. */
    public List<SimilarComplaint> similar(String text, int limit, double minScore) {
        Map<String, Double> query = vector(words(text));
        List<SimilarComplaint> found = new ArrayList<>();
        for (int i = 0; i < complaints.size(); i++) {
            double score = cosine(query, vectors.get(i));
            if (score >= minScore) {
                found.add(new SimilarComplaint(complaints.get(i), Math.round(score * 100) / 100.0));
            }
        }
        found.sort(Comparator.comparingDouble(SimilarComplaint::score).reversed()
                .thenComparing(s -> s.complaint().caseNumber(), Comparator.nullsLast(Comparator.reverseOrder())));
        return found.subList(0, Math.min(limit, found.size()));
    }

    private Map<String, Double> vector(List<String> words) {
        Map<String, Double> v = new HashMap<>();
        for (String w : words) {
            Double weight = idf.get(w);
            if (weight != null) {
                v.merge(w, weight, Double::sum);
            }
        }
        double norm = Math.sqrt(v.values().stream().mapToDouble(x -> x * x).sum());
        if (norm > 0) {
            v.replaceAll((w, x) -> x / norm);
        }
        return v;
    }

    private static double cosine(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> small = a.size() <= b.size() ? a : b;
        Map<String, Double> large = small == a ? b : a;
        double dot = 0;
        for (var e : small.entrySet()) {
            Double other = large.get(e.getKey());
            if (other != null) {
                dot += e.getValue() * other;
            }
        }
        return dot;
    }

    public record SimilarComplaint(LabelledComplaint complaint, double score) {
    }
}
