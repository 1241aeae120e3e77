package io.complaintflow.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Remembers what the FEEL engine answered for a decision table's cells whose result depends on nothing but their
 * text and the one input value they look at: literal input entries ({@code "safety"}, {@code >= 20},
 * {@code null, "other"}), literal outputs ({@code "G1"}) and inputs that name one variable ({@code channel}). Every
 * other expression ({@code matches(?, …)}, anything with a function, another variable or a long text) goes to the
 * FEEL engine each time. Found by bench/ (issue #19): feel-engine 1.19 builds its context of built-in functions
 * anew for every evaluation — about 0.5 ms — and the intake's three decisions make some fifty evaluations; the
 * answers are the engine's own, computed once per distinct cell and value.
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

    private final FeelEngine feel;
    private final Map<Key, Object> answers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> literal = new ConcurrentHashMap<>();

    public CachedFeelEngine(FeelEngine feel) {
        this.feel = feel;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
        String text = expression.strip();
        Key key = null;
        if (literal(text)) {
            key = new Key(text, null);
        } else if (IDENTIFIER.matcher(text).matches() && !KEYWORDS.contains(text)) {
            Object value = valueOf(variables, text);
            key = cacheable(value) ? new Key(text, value) : null;
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
}
