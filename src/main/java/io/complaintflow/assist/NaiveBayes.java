package io.complaintflow.assist;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Multinomial naive Bayes over word counts with add-one smoothing. The confidence of a prediction is the
 * posterior probability of the winning label (softmax of the log scores), between 0 and 1. Immutable once built.
 */
public final class NaiveBayes {

    private final Map<String, Double> logPrior = new HashMap<>();
    private final Map<String, Map<String, Integer>> wordCounts = new HashMap<>();
    private final Map<String, Integer> totalWords = new HashMap<>();
    private final Set<String> vocabulary = new HashSet<>();

    public NaiveBayes(List<List<String>> documents, List<String> labels) {
        if (documents.size() != labels.size() || documents.isEmpty()) {
            throw new IllegalArgumentException("need as many labels as documents, at least one");
        }
        Map<String, Integer> docsPerLabel = new HashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            String label = labels.get(i);
            docsPerLabel.merge(label, 1, Integer::sum);
            Map<String, Integer> counts = wordCounts.computeIfAbsent(label, l -> new HashMap<>());
            for (String word : documents.get(i)) {
                counts.merge(word, 1, Integer::sum);
                totalWords.merge(label, 1, Integer::sum);
                vocabulary.add(word);
            }
        }
        docsPerLabel.forEach((label, n) -> logPrior.put(label, Math.log((double) n / documents.size())));
    }

    public Collection<String> labels() {
        return logPrior.keySet();
    }

    public Prediction predict(List<String> words) {
        Map<String, Double> scores = new HashMap<>();
        double v = vocabulary.size();
        for (String label : logPrior.keySet()) {
            Map<String, Integer> counts = wordCounts.get(label);
            double denominator = Math.log(totalWords.getOrDefault(label, 0) + v + 1);
            double score = logPrior.get(label);
            for (String word : words) {
                if (vocabulary.contains(word)) {
                    score += Math.log(counts.getOrDefault(word, 0) + 1) - denominator;
                }
            }
            scores.put(label, score);
        }
        String best = null;
        double max = Double.NEGATIVE_INFINITY;
        for (var e : scores.entrySet()) {
            // ties go to the alphabetically first label, so a prediction does not depend on map order
            if (e.getValue() > max || (e.getValue() == max && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                max = e.getValue();
            }
        }
        double sum = 0;
        for (double s : scores.values()) {
            sum += Math.exp(s - max);
        }
        return new Prediction(best, 1 / sum);
    }

    public record Prediction(String label, double confidence) {
    }
}
