package io.complaintflow.assist;

/**
 * What the text suggests for a complaint. Advisory only: it is shown to the agent and the complaint center and
 * recorded against their choice, but it never sets the category, grade or departments of a complaint.
 *
 * @param source        {@code model} (trained on closed and seed complaints), {@code seed} (mostly the shipped seed
 *                      complaints: fewer than {@code min-training} closed ones) or {@code keywords} (no model)
 * @param modelVersion  the model's version; 0 for the keyword baseline
 * @param lowConfidence the category's confidence is below {@code complaintflow.assist.min-confidence}
 */
public record Suggestion(Guess category, Guess department, Guess grade, String source, long modelVersion,
                         boolean lowConfidence) {

    public static final String MODEL = "model";
    public static final String SEED = "seed";
    public static final String KEYWORDS = "keywords";

    public Suggestion withSource(String source) {
        return new Suggestion(category, department, grade, source, modelVersion, lowConfidence);
    }

    public Suggestion withThreshold(double minConfidence) {
        return new Suggestion(category, department, grade, source, modelVersion, category.confidence() < minConfidence);
    }
}
