package io.complaintflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The H2 pass walks more than 90% of every lifecycle model. Runs in its own surefire execution after that pass
 * (pom.xml, {@code process-coverage}) on the figures {@link ProcessCoverage} recorded when the pass ended; not
 * named …Test, so the passes themselves never pick it up.
 */
class ProcessCoverageCheck {

    @Test
    void theTestRunWalksMoreThan90PercentOfEveryLifecycleModel() throws IOException {
        var file = ProcessCoverage.file("h2");
        assertThat(file).as("coverage recorded by the H2 pass").exists();
        Properties figures = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            figures.load(in);
        }
        assumeTrue(Boolean.parseBoolean(figures.getProperty("wholeSuite")),
                "the H2 pass ran a selection of tests (-Dtest): coverage printed, not checked");
        for (String key : ProcessCoverage.MODELS) {
            double coverage = Double.parseDouble(figures.getProperty(key + ".visited"))
                    / Double.parseDouble(figures.getProperty(key + ".nodes"));
            assertThat(coverage).as("flow-node coverage of %s (not reached: %s)", key,
                    figures.getProperty(key + ".missed")).isGreaterThan(0.9);
        }
    }
}
