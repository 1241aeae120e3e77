package io.complaintflow.safety;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The safety lexicon: words by kind, patterns, compositional rules, harmless phrases and spelling variants. Read
 * from the text format of {@code assist/safety-lexicon.txt} (sections in brackets, one entry a line or several
 * separated by spaces, {@code #} comments); lexicons merge, so a deployer's file and the process owners' words add
 * to the built-in one. Immutable.
 */
public final class SafetyLexicon {

    /** Kinds that are a signal on their own. */
    public static final List<String> SIGNAL_KINDS = List.of(SafetyKind.HARM, SafetyKind.HAZARD, SafetyKind.MEDICAL);

    private static final Pattern SECTION = Pattern.compile("^\\[([a-z-]+)]\\s*(#.*)?$");
    private static final Pattern RULE = Pattern.compile(
            "^([a-z-]+)\\s*\\+\\s*([a-z-]+)\\s+within\\s+(\\d+)(?:\\s+not\\s+across\\s+(\\S+))?\\s*(?:->|→)\\s*([a-z-]+)$");
    private static final Pattern PATTERN = Pattern.compile("^([a-z-]+)\\s*:\\s*(.+)$");

    private final Map<String, Set<String>> terms;
    private final List<KindPattern> patterns;
    private final List<Rule> rules;
    private final List<Pattern> exclusions;
    private final Map<String, String> variants;

    private SafetyLexicon(Map<String, Set<String>> terms, List<KindPattern> patterns, List<Rule> rules,
                          List<Pattern> exclusions, Map<String, String> variants) {
        this.terms = terms;
        this.patterns = patterns;
        this.rules = rules;
        this.exclusions = exclusions;
        this.variants = variants;
    }

    public static SafetyLexicon empty() {
        return new SafetyLexicon(Map.of(), List.of(), List.of(), List.of(), Map.of());
    }

    /** The lexicon built into the application. */
    public static SafetyLexicon builtIn() {
        try (InputStream in = SafetyLexicon.class.getResourceAsStream("/assist/safety-lexicon.txt")) {
            if (in == null) {
                throw new IllegalStateException("assist/safety-lexicon.txt is missing from the classpath");
            }
            return parse(in, "assist/safety-lexicon.txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SafetyLexicon parse(InputStream in, String source) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return parse(lines, source);
    }

    /** @throws IllegalArgumentException naming the source and line of the first entry it cannot read */
    public static SafetyLexicon parse(List<String> lines, String source) {
        Map<String, Set<String>> terms = new LinkedHashMap<>();
        List<KindPattern> patterns = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        List<Pattern> exclusions = new ArrayList<>();
        Map<String, String> variants = new LinkedHashMap<>();
        String section = null;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                section = s.group(1);
                continue;
            }
            String where = source + " line " + (n + 1);
            if (section == null) {
                throw new IllegalArgumentException(where + ": entry before the first [section]");
            }
            int comment = line.indexOf(" #");
            if (comment >= 0) {
                line = line.substring(0, comment).strip();
            }
            switch (section) {
                case "rules" -> {
                    Matcher r = RULE.matcher(line);
                    if (!r.matches() || !SIGNAL_KINDS.contains(r.group(5))) {
                        throw new IllegalArgumentException(where + ": a rule reads 'kind + kind within N"
                                + " [not across characters] -> " + String.join("|", SIGNAL_KINDS) + "'");
                    }
                    rules.add(new Rule(r.group(1), r.group(2), Integer.parseInt(r.group(3)),
                            r.group(4) == null ? "" : r.group(4), r.group(5)));
                }
                case "patterns" -> {
                    Matcher p = PATTERN.matcher(line);
                    if (!p.matches() || !SIGNAL_KINDS.contains(p.group(1))) {
                        throw new IllegalArgumentException(where + ": a pattern reads '"
                                + String.join("|", SIGNAL_KINDS) + ": regular expression'");
                    }
                    patterns.add(new KindPattern(p.group(1), compile(p.group(2).strip(), where)));
                }
                case "exclude" -> {
                    for (String phrase : line.split("\\s+")) {
                        exclusions.add(compile(phrase, where));
                    }
                }
                case "variants" -> {
                    int eq = line.indexOf('=');
                    if (eq <= 0 || eq == line.length() - 1) {
                        throw new IllegalArgumentException(where + ": a variant reads 'written = normalized'");
                    }
                    variants.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
                default -> {
                    if (!SafetyKind.known(section)) {
                        throw new IllegalArgumentException(where + ": unknown section [" + section + "]");
                    }
                    for (String term : line.split("\\s+")) {
                        terms.computeIfAbsent(section, k -> new LinkedHashSet<>())
                                .add(Normalizer.normalize(term, Normalizer.Form.NFKC).toLowerCase());
                    }
                }
            }
        }
        for (Rule rule : rules) {
            for (String kind : List.of(rule.first(), rule.second())) {
                if (!SafetyKind.known(kind)) {
                    throw new IllegalArgumentException(source + ": rule " + rule + " names unknown kind " + kind);
                }
            }
        }
        return new SafetyLexicon(terms, List.copyOf(patterns), List.copyOf(rules), List.copyOf(exclusions),
                variants);
    }

    private static Pattern compile(String regex, String where) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": not a regular expression: " + e.getDescription());
        }
    }

    /** This lexicon and {@code other}'s entries added to it. */
    public SafetyLexicon plus(SafetyLexicon other) {
        Map<String, Set<String>> t = new LinkedHashMap<>();
        terms.forEach((k, v) -> t.put(k, new LinkedHashSet<>(v)));
        other.terms.forEach((k, v) -> t.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(v));
        List<KindPattern> p = new ArrayList<>(patterns);
        p.addAll(other.patterns);
        List<Rule> r = new ArrayList<>(rules);
        other.rules.stream().filter(x -> !r.contains(x)).forEach(r::add);
        List<Pattern> e = new ArrayList<>(exclusions);
        e.addAll(other.exclusions);
        Map<String, String> v = new LinkedHashMap<>(variants);
        v.putAll(other.variants);
        return new SafetyLexicon(t, List.copyOf(p), List.copyOf(r), List.copyOf(e), v);
    }

    /** Adds single terms of a kind (the process owners' words). */
    public SafetyLexicon plusTerms(Map<String, ? extends Collection<String>> byKind) {
        List<String> lines = new ArrayList<>();
        byKind.forEach((kind, words) -> {
            lines.add("[" + kind + "]");
            words.forEach(w -> lines.add(kind.equals(SafetyKind.EXCLUDE) ? Pattern.quote(w) : w));
        });
        return plus(parse(lines, "owners' terms"));
    }

    public Set<String> terms(String kind) {
        return terms.getOrDefault(kind, Set.of());
    }

    public Map<String, Set<String>> terms() {
        return terms;
    }

    public List<KindPattern> patterns() {
        return patterns;
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<Pattern> exclusions() {
        return exclusions;
    }

    public Map<String, String> variants() {
        return variants;
    }

    public int size() {
        return terms.values().stream().mapToInt(Set::size).sum() + patterns.size() + rules.size()
                + exclusions.size() + variants.size();
    }

    public record KindPattern(String kind, Pattern pattern) {
    }

    /**
     * A term of {@code first} and one of {@code second} at most {@code within} characters apart are a signal —
     * unless one of the {@code notAcross} characters stands between them (孩子的平板摔了: 的 makes it a thing).
     */
    public record Rule(String first, String second, int within, String notAcross, String signal) {
        @Override
        public String toString() {
            return first + " + " + second + " within " + within + (notAcross.isEmpty() ? "" : " not across " + notAcross)
                    + " -> " + signal;
        }
    }
}
