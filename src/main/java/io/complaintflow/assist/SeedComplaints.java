package io.complaintflow.assist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled complaints shipped with the application ({@code assist/seed-complaints.csv}: id, category, lead
 * department, grade, subject, description), so that a fresh install suggests from a trained model before the
 * company has closed complaints of its own. Only this file is ever read as seed data.
 */
public final class SeedComplaints {

    static final String RESOURCE = "/assist/seed-complaints.csv";

    private static final List<LabelledComplaint> ALL = load();

    private SeedComplaints() {
    }

    public static List<LabelledComplaint> all() {
        return ALL;
    }

    private static List<LabelledComplaint> load() {
        try (InputStream in = SeedComplaints.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<LabelledComplaint> seed = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", 6);
                seed.add(new LabelledComplaint("SEED-" + f[0], f[4], f[5], f[1], f[2], f[3], null));
            }
            return List.copyOf(seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
