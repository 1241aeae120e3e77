package io.complaintflow.safety;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds safety and injury language in a complaint's text — no engine, no database, only a {@link SafetyLexicon}.
 * Works on characters, not on a segmenter's words, so a new compound made of known parts still counts:
 * <ol>
 *   <li>the text is normalized (full-width forms, case, spaces, the lexicon's spelling variants and traditional
 *   characters) and the lexicon's harmless phrases are masked (火锅, 手机, 气炸了 …);</li>
 *   <li>harm, hazard and medical words and patterns are signals on their own;</li>
 *   <li>rules compose the rest: a harm verb near a body part (手…划了一道), near a vulnerable person (孩子差点…吞),
 *   swallowing near a small part, a near miss near a harm verb.</li>
 * </ol>
 * Immutable and thread-safe.
 */
public final class SafetyDetector {

    private static final char MASK = '\u25A1';
    private static final int MAX_MATCHES = 12;
    private static final int MAX_EVIDENCE = 16;

    private static final Pattern LITERAL = Pattern.compile("[^\\\\.\\[\\]{}()*+?^$|]+");
    private static final Pattern QUOTED = Pattern.compile("\\\\Q(.*)\\\\E", Pattern.DOTALL);

    private final SafetyLexicon lexicon;
    private final List<Map.Entry<String, String>> variants;
    /** Terms by their first character, so one pass over the text finds them all: kind and term. */
    private final Map<Character, List<String[]>> termsByFirst = new HashMap<>();
    private final Map<Character, List<String>> literalExclusions = new HashMap<>();
    private final List<Pattern> patternExclusions = new ArrayList<>();

    public SafetyDetector(SafetyLexicon lexicon) {
        this.lexicon = lexicon;
        this.variants = lexicon.variants().entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
                .toList();
        lexicon.terms().forEach((kind, words) -> words.stream().filter(w -> !w.isEmpty()).forEach(w ->
                termsByFirst.computeIfAbsent(w.charAt(0), c -> new ArrayList<>()).add(new String[] {kind, w})));
        for (Pattern exclusion : lexicon.exclusions()) {
            Matcher quoted = QUOTED.matcher(exclusion.pattern());
            String literal = quoted.matches() ? quoted.group(1)
                    : LITERAL.matcher(exclusion.pattern()).matches() ? exclusion.pattern() : null;
            if (literal != null && !literal.isEmpty()) {
                literalExclusions.computeIfAbsent(literal.charAt(0), c -> new ArrayList<>()).add(literal);
            } else {
                patternExclusions.add(exclusion);
            }
        }
    }

    public SafetyLexicon lexicon() {
        return lexicon;
    }

    public SafetySignal detect(String text) {
        if (text == null || text.isBlank()) {
            return SafetySignal.NONE;
        }
        String normalized = normalize(text);
        String masked = mask(normalized);
        List<Occurrence> occurrences = find(masked);

        Map<String, SafetyMatch> matches = new LinkedHashMap<>();
        for (Occurrence o : occurrences) {
            if (SafetyLexicon.SIGNAL_KINDS.contains(o.kind())) {
                matches.putIfAbsent(o.term(), new SafetyMatch(o.kind(), o.term()));
            }
        }
        for (SafetyLexicon.KindPattern p : lexicon.patterns()) {
            Matcher m = p.pattern().matcher(masked);
            while (m.find()) {
                if (!m.group().isEmpty()) {
                    String evidence = m.group().length() <= MAX_EVIDENCE ? m.group()
                            : m.group().substring(0, MAX_EVIDENCE - 1) + "…";
                    matches.putIfAbsent(evidence, new SafetyMatch(p.kind(), evidence));
                }
            }
        }
        for (SafetyLexicon.Rule rule : lexicon.rules()) {
            for (Occurrence a : occurrences) {
                if (!a.kind().equals(rule.first())) {
                    continue;
                }
                for (Occurrence b : occurrences) {
                    if (b.kind().equals(rule.second()) && a != b && gap(a, b) <= rule.within()
                            && !across(masked, a, b, rule.notAcross())) {
                        String evidence = a.start() <= b.start() ? a.term() + "+" + b.term() : b.term() + "+" + a.term();
                        matches.putIfAbsent(evidence, new SafetyMatch(rule.signal(), evidence));
                    }
                }
            }
        }
        if (matches.isEmpty()) {
            return SafetySignal.NONE;
        }
        Set<String> vulnerable = new LinkedHashSet<>();
        occurrences.stream().filter(o -> o.kind().equals(SafetyKind.VULNERABLE)).forEach(o -> vulnerable.add(o.term()));
        List<SafetyMatch> found = new ArrayList<>(matches.values());
        found.sort(Comparator.comparingInt((SafetyMatch m) -> SafetyLexicon.SIGNAL_KINDS.indexOf(m.kind())));
        return new SafetySignal(true, found.subList(0, Math.min(MAX_MATCHES, found.size())), List.copyOf(vulnerable));
    }

    /** Full-width to half-width, lower case, no white space, the lexicon's variants applied. */
    String normalize(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase().replaceAll("\\s+", "");
        for (Map.Entry<String, String> v : variants) {
            t = t.replace(v.getKey(), v.getValue());
        }
        return t;
    }

    /** Harmless phrases become mask characters, so nothing inside them matches and distances stay as written. */
    String mask(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < text.length(); i++) {
            for (String phrase : literalExclusions.getOrDefault(text.charAt(i), List.of())) {
                if (text.startsWith(phrase, i)) {
                    java.util.Arrays.fill(chars, i, i + phrase.length(), MASK);
                }
            }
        }
        for (Pattern exclusion : patternExclusions) {
            Matcher m = exclusion.matcher(text);
            while (m.find()) {
                for (int i = m.start(); i < m.end(); i++) {
                    chars[i] = MASK;
                }
            }
        }
        return new String(chars);
    }

    /**
     * Every term's occurrences, without those inside a longer occurrence of the same kind or of a signal kind (嘴 in
     * 嘴巴, 烧 in 烧伤): they would only repeat the evidence, never add a signal.
     */
    private List<Occurrence> find(String text) {
        List<Occurrence> found = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            for (String[] term : termsByFirst.getOrDefault(text.charAt(i), List.of())) {
                if (text.startsWith(term[1], i)) {
                    found.add(new Occurrence(term[0], term[1], i, i + term[1].length()));
                }
            }
        }
        List<Occurrence> kept = new ArrayList<>();
        for (Occurrence o : found) {
            boolean inside = false;
            for (Occurrence longer : found) {
                if (longer.end() - longer.start() > o.end() - o.start() && longer.start() <= o.start()
                        && o.end() <= longer.end() && (longer.kind().equals(o.kind())
                        || SafetyLexicon.SIGNAL_KINDS.contains(longer.kind()))) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                kept.add(o);
            }
        }
        return kept;
    }

    private static boolean across(String text, Occurrence a, Occurrence b, String characters) {
        if (characters.isEmpty()) {
            return false;
        }
        int from = Math.min(a.end(), b.end());
        int to = Math.max(a.start(), b.start());
        for (int i = from; i < to; i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int gap(Occurrence a, Occurrence b) {
        return Math.max(a.start(), b.start()) - Math.min(a.end(), b.end());
    }

    private record Occurrence(String kind, String term, int start, int end) {
    }
}
