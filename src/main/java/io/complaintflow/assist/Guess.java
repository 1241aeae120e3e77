package io.complaintflow.assist;

/** One suggested value with its confidence (0–1, rounded to two places). */
public record Guess(String value, double confidence) {

    public Guess {
        confidence = Math.round(confidence * 100) / 100.0;
    }
}
