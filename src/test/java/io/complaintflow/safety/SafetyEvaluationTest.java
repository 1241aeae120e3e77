package io.complaintflow.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recall and false alarms of the built-in lexicon. The evaluation set (src/test/resources/assist/eval) was written
 * and committed before the detector and is never tuned on; the development set is what the lexicon was tuned on.
 * Both figures are printed on every run and quoted in docs/assistance.md.
 */
class SafetyEvaluationTest {

    static final double MIN_RECALL = 0.95;
    static final double MAX_FALSE_ALARMS = 0.10;

    private final SafetyDetector detector = new SafetyDetector(SafetyLexicon.builtIn());

    @Test
    void theEvaluationSetIsFoundWithFewFalseAlarms() throws IOException {
        List<LabelledTexts> set = LabelledTexts.load(LabelledTexts.EVALUATION);
        Figures f = measure("evaluation (never tuned on)", set);
        assertThat(f.positives()).as("injury and hazard complaints").isGreaterThanOrEqualTo(150);
        assertThat(f.negatives()).as("ordinary complaints").isGreaterThanOrEqualTo(f.positives());
        assertThat(f.traps()).as("ordinary complaints with safety-looking words").isGreaterThanOrEqualTo(50);
        assertThat(f.recall()).as("safety recall").isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(f.falseAlarms()).as("false-alarm rate").isLessThanOrEqualTo(MAX_FALSE_ALARMS);
    }

    @Test
    void theDevelopmentSetIsFound() throws IOException {
        Figures f = measure("development (tuned on)", LabelledTexts.load(LabelledTexts.DEVELOPMENT));
        assertThat(f.recall()).isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(f.falseAlarms()).isLessThanOrEqualTo(MAX_FALSE_ALARMS);
    }

    private Figures measure(String name, List<LabelledTexts> set) {
        int positives = 0;
        int found = 0;
        int negatives = 0;
        int alarms = 0;
        int traps = 0;
        int trapAlarms = 0;
        StringBuilder misses = new StringBuilder();
        for (LabelledTexts t : set) {
            SafetySignal s = detector.detect(t.text());
            if (t.safety()) {
                positives++;
                found += s.flagged() ? 1 : 0;
                if (!s.flagged()) {
                    misses.append("    missed ").append(t.id()).append(' ').append(t.text()).append('\n');
                }
            } else {
                negatives++;
                boolean trap = "trap".equals(t.note());
                traps += trap ? 1 : 0;
                if (s.flagged()) {
                    alarms++;
                    trapAlarms += trap ? 1 : 0;
                    misses.append("    false alarm ").append(t.id()).append(' ').append(t.text()).append("  ← ")
                            .append(s.words()).append('\n');
                }
            }
        }
        Figures f = new Figures(positives, found, negatives, alarms, traps);
        System.out.printf("Safety detection, %s set: recall %.3f (%d/%d), false alarms %.3f (%d/%d; traps %d/%d)%n%s",
                name, f.recall(), found, positives, f.falseAlarms(), alarms, negatives, trapAlarms, traps, misses);
        return f;
    }

    record Figures(int positives, int found, int negatives, int alarms, int traps) {
        double recall() {
            return (double) found / positives;
        }

        double falseAlarms() {
            return (double) alarms / negatives;
        }
    }
}
