package io.complaintflow.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Remembers what the FEEL engine answered for a decision table's cells whose result depends on nothing but their
 * text and the one input value they look at: literal input entries ({@code "safety"}, {@code >= 20},
 * {@code null, "other"}), literal outputs ({@code "G1"}) and inputs that name one variable ({@code channel}). Every
 * other expression (anything with a function, another variable) goes to the FEEL engine each time. Found by bench/
 * (issue #19): feel-engine 1.19 builds its context of built-in functions anew for every evaluation — about 0.5 ms —
 * and the intake's three decisions make some fifty evaluations; the answers are the engine's own, computed once per
 * distinct cell and value.
 * <p>
 * Three shapes whose answer FEEL computes from the value alone are answered here without asking it (issue #19, the
 * intake's job: the four FEEL evaluations of every complaint that the cache could not answer):
 * <ul>
 * <li>a name whose value is a text, of any length ({@code complaintText}): FEEL answers the text itself;</li>
 * <li>{@code name.key} on a map holding {@code key} with a text or a boolean ({@code gradingResult.grade}): that
 * value;</li>
 * <li>{@code matches(?, "pattern")} on a text input: feel-engine's {@code matches} is
 * {@code Pattern.compile(pattern).matcher(input).find()}, done here with the pattern compiled once; a pattern Java does
 * not compile, a literal with an escape or an input that is not a text go to FEEL.</li>
 * </ul>
 * An expression of one name, literals, comparisons and {@code and}/{@code or}/{@code if} — no call, path, list,
 * context or filter ({@code outcome != "process"}, {@code note = null or note = ""}: the forms' {@code hide}
 * conditions, checked at every submission) — depends on that name's value alone, so FEEL's answer is remembered per
 * text and value like a cell's (issue #19: ≈ 0.5 ms per condition per submission).
 */
public class CachedFeelEngine implements FeelEngine {

    /** After this many remembered answers the cache starts over (values such as amounts are open-ended). */
    static final int MAX_ENTRIES = 20_000;
    private static final int MAX_TEXT = 200;
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern LITERALS_ONLY =
            Pattern.compile("(?:[\\s\\d.,+\\-<>=!\\[\\]()]|\\btrue\\b|\\bfalse\\b|\\bnull\\b|\\bnot\\b)*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> KEYWORDS = List.of("true", "false", "null", "not");
    private static final Pattern PATH = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern MATCHES = Pattern.compile("matches\\(\\s*\\?\\s*,\\s*\"([^\"\\\\]*)\"\\s*\\)");
    private static final Pattern NOT_MATCHES = Pattern.compile("(?!)");
    private static final Pattern WORD = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]*");
    /** FEEL's keywords an expression of one name may hold besides it. */
    private static final List<String> OPERATORS = List.of("true", "false", "null", "and", "or", "if", "then", "else");

    private final FeelEngine feel;
    private final Map<Key, Object> answers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> literal = new ConcurrentHashMap<>();
    /** Per cell text: its {@code matches(?, "…")} pattern compiled, or {@link #NOT_MATCHES} for any other cell. */
    private final Map<String, Pattern> regexOfCell = new ConcurrentHashMap<>();
    /** Per expression text (as the table holds it): its shape, so no pattern is matched per evaluation. */
    private final Map<String, Shape> shapeOfCell = new ConcurrentHashMap<>();

    public CachedFeelEngine(FeelEngine feel) {
        this.feel = feel;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
        Shape shape = shapeOfCell.computeIfAbsent(expression, this::shapeOf);
        Key key = null;
        switch (shape.kind()) {
            case LITERAL -> key = new Key(shape.text(), null);
            case NAME -> {
                Object value = valueOf(variables, shape.name());
                if (value instanceof String string) {
                    return (T) string;
                }
                key = cacheable(value) ? new Key(shape.text(), value) : null;
            }
            case PATH -> {
                Object entry = entryOf(shape, variables);
                if (entry != null) {
                    return (T) entry;
                }
            }
            case ONE_NAME -> {
                // a name missing from the context is FEEL's to answer (an error or null), not a null value's answer
                Object value = variables.containsVariable(shape.name()) ? valueOf(variables, shape.name()) : null;
                key = variables.containsVariable(shape.name()) && cacheable(value)
                        ? new Key(shape.text(), value) : null;
            }
            case OTHER -> {
            }
        }
        if (key == null) {
            return feel.evaluateSimpleExpression(expression, variables);
        }
        Object answer = answers.get(key);
        if (answer == null) {
            answer = remember(key, (Object) feel.evaluateSimpleExpression(expression, variables));
        }
        return answer == Null.VALUE ? null : (T) answer;
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputName, VariableContext variables) {
        String text = expression.strip();
        Object value = valueOf(variables, inputName);
        if (value instanceof String input) {
            Pattern regex = regexOfCell.computeIfAbsent(text, CachedFeelEngine::matchesPattern);
            if (regex != NOT_MATCHES) {
                return regex.matcher(input).find();
            }
        }
        if (!literal(text) || !cacheable(value)) {
            return feel.evaluateSimpleUnaryTests(expression, inputName, variables);
        }
        Key key = new Key("?" + text, value);
        Object answer = answers.get(key);
        if (answer == null) {
            answer = remember(key, feel.evaluateSimpleUnaryTests(expression, inputName, variables));
        }
        return (Boolean) answer;
    }

    private Object remember(Key key, Object answer) {
        if (answers.size() >= MAX_ENTRIES) {
            answers.clear();
        }
        Object stored = answer == null ? Null.VALUE : answer;
        answers.put(key, stored);
        return stored;
    }

    /** Nothing in the text but literals, comparisons, ranges and lists: no name, no function. */
    boolean literal(String text) {
        return literal.computeIfAbsent(text,
                t -> LITERALS_ONLY.matcher(STRING_LITERAL.matcher(t).replaceAll("")).matches());
    }

    /** The pattern of a {@code matches(?, "pattern")} cell as feel-engine compiles it; {@link #NOT_MATCHES} otherwise. */
    static Pattern matchesPattern(String text) {
        Matcher cell = MATCHES.matcher(text);
        if (!cell.matches()) {
            return NOT_MATCHES;
        }
        try {
            return Pattern.compile(cell.group(1));
        } catch (PatternSyntaxException e) {
            return NOT_MATCHES; // FEEL answers its own error
        }
    }

    /** What an expression is, decided once per cell text: a literal, one name, {@code name.key}, or anything else. */
    private Shape shapeOf(String expression) {
        String text = expression.strip();
        if (literal(text)) {
            return new Shape(ShapeKind.LITERAL, text, null, null);
        }
        if (IDENTIFIER.matcher(text).matches() && !KEYWORDS.contains(text)) {
            return new Shape(ShapeKind.NAME, text, text, null);
        }
        Matcher path = PATH.matcher(text);
        if (path.matches() && !KEYWORDS.contains(path.group(1))) {
            return new Shape(ShapeKind.PATH, text, path.group(1), path.group(2));
        }
        String name = onlyName(text);
        if (name != null) {
            return new Shape(ShapeKind.ONE_NAME, text, name, null);
        }
        return new Shape(ShapeKind.OTHER, text, null, null);
    }

    /**
     * The one variable an expression names, if it is made of nothing else than that name, literals (texts, whole
     * numbers, {@code true}/{@code false}/{@code null}), comparisons, {@code and}/{@code or}/{@code if then else}
     * and parentheses without a call; otherwise null.
     */
    static String onlyName(String text) {
        String rest = STRING_LITERAL.matcher(text).replaceAll("\"\"");
        if (rest.contains("\\") || rest.chars().anyMatch(c -> c != '"' && !allowed(c))) {
            return null;
        }
        rest = rest.replace("\"\"", " ");
        if (rest.matches(".*[A-Za-z0-9_]\\s*\\(.*")) {
            return null; // a call
        }
        String name = null;
        Matcher words = WORD.matcher(rest);
        while (words.find()) {
            String word = words.group();
            if (OPERATORS.contains(word)) {
                continue;
            }
            if (name != null && !name.equals(word)) {
                return null;
            }
            name = word;
        }
        return name;
    }

    private static boolean allowed(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || " \t\r\n=!<>()".indexOf(c) >= 0);
    }

    /** {@code name.key} on a map that holds {@code key} with a text or a boolean: that value; otherwise null. */
    private static Object entryOf(Shape path, VariableContext variables) {
        if (!(valueOf(variables, path.name()) instanceof Map<?, ?> map)) {
            return null;
        }
        Object entry = map.get(path.key());
        return entry instanceof String || entry instanceof Boolean ? entry : null;
    }

    private static Object valueOf(VariableContext variables, String name) {
        TypedValue typed = variables.resolve(name);
        return typed == null ? null : typed.getValue();
    }

    private static boolean cacheable(Object value) {
        return value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Double || value instanceof BigDecimal
                || value instanceof String s && s.length() <= MAX_TEXT;
    }

    /** The value is part of the key with its class: 1 and 1L, or "1" and 1, are different inputs. */
    private record Key(String expression, Object value, Class<?> type) {
        Key(String expression, Object value) {
            this(expression, value == null ? Null.VALUE : value, value == null ? null : value.getClass());
        }
    }

    private enum Null {
        VALUE
    }

    private enum ShapeKind { LITERAL, NAME, PATH, ONE_NAME, OTHER }

    /** @param text the expression stripped; {@code name} and {@code key} of a name or a {@code name.key} path */
    private record Shape(ShapeKind kind, String text, String name, String key) {
    }
}
