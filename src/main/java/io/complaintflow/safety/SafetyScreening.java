package io.complaintflow.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Screens complaint texts for safety and injury language with the built-in lexicon, the deployer's file (read at
 * start-up; a broken file stops the start with its line named) and the process owners' words (asked for on every
 * screening, so an addition counts at once on every node; the detector is rebuilt only when they changed).
 */
@Service
public class SafetyScreening {

    private static final Logger log = LoggerFactory.getLogger(SafetyScreening.class);

    private final OwnerTerms terms;
    private final SafetyLexicon base;
    private final String fileSource;
    private final AtomicReference<Built> current = new AtomicReference<>();

    public SafetyScreening(OwnerTerms terms, SafetySettings settings) {
        this.terms = terms;
        SafetyLexicon lexicon = SafetyLexicon.builtIn();
        Path file = settings.lexiconFile();
        if (file != null && !file.toString().isBlank()) {
            try (InputStream in = Files.newInputStream(file)) {
                lexicon = lexicon.plus(SafetyLexicon.parse(in, file.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("complaintflow.assist.safety.lexicon-file " + file + " unreadable", e);
            }
            log.info("Safety lexicon: built-in entries and {}", file);
            this.fileSource = file.toString();
        } else {
            this.fileSource = null;
        }
        this.base = lexicon;
    }

    /** What the text says about safety; {@link SafetySignal#NONE} for no text. */
    public SafetySignal screen(String text) {
        return screen(text, terms.current());
    }

    /** @param owners the owners' words as the caller already has them */
    public SafetySignal screen(String text, List<OwnerTerms.OwnerTerm> owners) {
        return detector(owners).detect(text);
    }

    /** The lexicon in use: built-in, the deployer's file and the owners' words. */
    public SafetyLexicon lexicon() {
        return detector(terms.current()).lexicon();
    }

    public String fileSource() {
        return fileSource;
    }

    private SafetyDetector detector(List<OwnerTerms.OwnerTerm> owners) {
        Built built = current.get();
        if (built == null || !built.owners().equals(owners)) {
            Map<String, List<String>> byKind = new LinkedHashMap<>();
            owners.forEach(t -> byKind.computeIfAbsent(t.kind(), k -> new ArrayList<>()).add(t.term()));
            built = new Built(owners, new SafetyDetector(base.plusTerms(byKind)));
            current.set(built);
        }
        return built.detector();
    }

    private record Built(List<OwnerTerms.OwnerTerm> owners, SafetyDetector detector) {
    }
}
