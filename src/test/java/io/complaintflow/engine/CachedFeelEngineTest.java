package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/** The cache answers as the FEEL engine does, asks it once per cell and value, and never for other expressions. */
class CachedFeelEngineTest {

    private final FeelEngine scala = new ScalaFeelEngineFactory().createInstance();
    private final AtomicInteger asked = new AtomicInteger();
    private final CachedFeelEngine cached = new CachedFeelEngine(new FeelEngine() {
        @Override
        public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
            asked.incrementAndGet();
            return scala.evaluateSimpleExpression(expression, variables);
        }

        @Override
        public boolean evaluateSimpleUnaryTests(String expression, String input, VariableContext variables) {
            asked.incrementAndGet();
            return scala.evaluateSimpleUnaryTests(expression, input, variables);
        }
    });

    @Test
    void literalCellsAreAnsweredAsFeelDoesAndAskedOncePerValue() {
        String[][] cases = {{"\"safety\",\"regulator\"", "safety"}, {"\"safety\",\"regulator\"", "billing"},
                {"null, \"other\"", null}, {"null, \"other\"", "other"}, {"null, \"other\"", "delivery"}};
        for (String[] c : cases) {
            VariableContext input = Variables.createVariables().putValue("cellInput", c[1]).asVariableContext();
            boolean expected = scala.evaluateSimpleUnaryTests(c[0], "cellInput", input);
            assertThat(cached.evaluateSimpleUnaryTests(c[0], "cellInput", input)).as(c[0] + " / " + c[1])
                    .isEqualTo(expected);
            assertThat(cached.evaluateSimpleUnaryTests(c[0], "cellInput", input)).isEqualTo(expected);
        }
        assertThat(asked).as("once per cell and value").hasValue(cases.length);

        VariableContext twenty = Variables.createVariables().putValue("cellInput", 20).asVariableContext();
        VariableContext five = Variables.createVariables().putValue("cellInput", 5).asVariableContext();
        assertThat(cached.evaluateSimpleUnaryTests(">= 20", "cellInput", twenty)).isTrue();
        assertThat(cached.evaluateSimpleUnaryTests(">= 20", "cellInput", five)).isFalse();
        assertThat(cached.evaluateSimpleUnaryTests("[1..10]", "cellInput", five)).isTrue();
    }

    @Test
    void outputsAndSingleNamesAreRememberedWithTheirValue() {
        VariableContext empty = Variables.createVariables().asVariableContext();
        assertThat((Object) cached.evaluateSimpleExpression("\"G3\"", empty)).isEqualTo("G3");
        assertThat((Object) cached.evaluateSimpleExpression("\"G3\"", empty)).isEqualTo("G3");
        assertThat((Object) cached.evaluateSimpleExpression("true", empty)).isEqualTo(true);
        assertThat(asked).hasValue(2);

        VariableContext hotline = Variables.createVariables().putValue("channel", "hotline").asVariableContext();
        VariableContext app = Variables.createVariables().putValue("channel", "app").asVariableContext();
        assertThat((Object) cached.evaluateSimpleExpression("channel", hotline)).isEqualTo("hotline");
        assertThat((Object) cached.evaluateSimpleExpression("channel", app)).isEqualTo("app");
        assertThat((Object) cached.evaluateSimpleExpression("channel", hotline)).isEqualTo("hotline");
        assertThat(asked).as("a name with a text: the text, FEEL not asked").hasValue(2);
        VariableContext count = Variables.createVariables().putValue("repeatCount", 2).asVariableContext();
        assertThat((Object) cached.evaluateSimpleExpression("repeatCount", count))
                .isEqualTo(scala.evaluateSimpleExpression("repeatCount", count));
        assertThat((Object) cached.evaluateSimpleExpression("repeatCount", count))
                .isEqualTo(scala.evaluateSimpleExpression("repeatCount", count));
        assertThat(asked).as("a name with a number: FEEL's answer, remembered").hasValue(3);
    }

    @Test
    void functionsAndOtherNamesGoToFeelEveryTime() {
        VariableContext amount = Variables.createVariables().putValue("cellInput", 6000.0).putValue("limit", 5000.0)
                .asVariableContext();
        assertThat(cached.evaluateSimpleUnaryTests("> limit", "cellInput", amount)).isTrue();
        assertThat(cached.evaluateSimpleUnaryTests("> limit", "cellInput", amount)).isTrue();
        VariableContext compensation = Variables.createVariables().putValue("compensation", null).asVariableContext();
        assertThat((Object) cached.evaluateSimpleExpression("if compensation = null then 0 else compensation",
                compensation)).isEqualTo(scala.evaluateSimpleExpression(
                "if compensation = null then 0 else compensation", compensation));
        VariableContext none = Variables.createVariables().putValue("cellInput", null).asVariableContext();
        assertThat(cached.evaluateSimpleUnaryTests("matches(?, \"记者\")", "cellInput", none))
                .isEqualTo(scala.evaluateSimpleUnaryTests("matches(?, \"记者\")", "cellInput", none));
        VariableContext escaped = Variables.createVariables().putValue("cellInput", "a.b").asVariableContext();
        assertThat(cached.evaluateSimpleUnaryTests("matches(?, \"a\\\\.b\")", "cellInput", escaped))
                .isEqualTo(scala.evaluateSimpleUnaryTests("matches(?, \"a\\\\.b\")", "cellInput", escaped));
        VariableContext grading = Variables.createVariables()
                .putValue("gradingResult", Variables.untypedValue(java.util.Map.of("count", 3), true))
                .asVariableContext();
        assertThat((Object) cached.evaluateSimpleExpression("gradingResult.count", grading))
                .isEqualTo(scala.evaluateSimpleExpression("gradingResult.count", grading));
        assertThat(asked).as("a number in a map, a null or escaped matches input, other names").hasValue(6);
    }

    @Test
    void textsMapEntriesAndMatchesAreAnsweredAsFeelDoesWithoutAskingIt() {
        String[] texts = {"客户说要找记者曝光".repeat(30), "记者", "只是快递慢了", "", "曝光" + "慢".repeat(5000),
                "3·15晚会 曝光", "上热搜了"};
        String[] cells = {"matches(?, \"媒体|曝光|记者|起诉|诉讼|律师函|上热搜|央视|315晚会|3·15晚会|群体事件|集体维权\")",
                "matches(?,\"受伤|起火\")", "matches(?, \"^记者$\")", "matches(?, \"[0-9]{11}\")"};
        for (String cell : cells) {
            for (String text : texts) {
                VariableContext input = Variables.createVariables().putValue("cellInput", text).asVariableContext();
                boolean feel = scala.evaluateSimpleUnaryTests(cell, "cellInput", input);
                assertThat(cached.evaluateSimpleUnaryTests(cell, "cellInput", input)).as(cell + " / " + text)
                        .isEqualTo(feel);
            }
        }
        for (String text : texts) {
            VariableContext input = Variables.createVariables().putValue("complaintText", text).asVariableContext();
            assertThat((Object) cached.evaluateSimpleExpression("complaintText", input))
                    .isEqualTo(scala.evaluateSimpleExpression("complaintText", input));
        }
        VariableContext grading = Variables.createVariables().putValue("gradingResult",
                Variables.untypedValue(java.util.Map.of("grade", "G2", "reviewRequired", true), true))
                .asVariableContext();
        for (String path : new String[] {"gradingResult.grade", "gradingResult.reviewRequired"}) {
            assertThat((Object) cached.evaluateSimpleExpression(path, grading))
                    .isEqualTo(scala.evaluateSimpleExpression(path, grading));
        }
        assertThat(asked).hasValue(0);
    }

    @Test
    void aConditionOnOneNameIsAnsweredAsFeelDoesAndAskedOncePerValue() {
        String[] conditions = {"outcome != \"process\"", "note = null or note = \"\"",
                "if count = null then false else count > 2", "(flag = true)"};
        Object[] values = {"process", "return", "", null, 3L, 1L, true, false};
        int asks = 0;
        for (String condition : conditions) {
            String name = CachedFeelEngine.onlyName(condition);
            assertThat(name).as(condition).isNotNull();
            for (Object value : values) {
                VariableContext input = Variables.createVariables().putValue(name, value).putValue("other", "x")
                        .asVariableContext();
                Object expected;
                try {
                    expected = scala.evaluateSimpleExpression(condition, input);
                } catch (RuntimeException feelFails) {
                    continue;
                }
                asks++;
                assertThat((Object) cached.evaluateSimpleExpression(condition, input)).as(condition + " / " + value)
                        .isEqualTo(expected);
                assertThat((Object) cached.evaluateSimpleExpression(condition, input)).isEqualTo(expected);
            }
        }
        assertThat(asks).isGreaterThan(20);
        assertThat(asked).as("once per condition and value").hasValue(asks);
    }

    @Test
    void twoNamesCallsPathsAndMissingNamesGoToFeelEveryTime() {
        for (String other : new String[] {"outcome != limit", "string length(note) > 2", "not(flag)", "a.b = 1",
                "x = 1.5", "x in [1, 2]", "`a b` = 1", "x = @\"2020-01-01\""}) {
            assertThat(CachedFeelEngine.onlyName(other)).as(other).isNull();
        }
        VariableContext twoNames = Variables.createVariables().putValue("outcome", "a").putValue("limit", "a")
                .asVariableContext();
        cached.evaluateSimpleExpression("outcome != limit", twoNames);
        cached.evaluateSimpleExpression("outcome != limit", twoNames);
        assertThat(asked).hasValue(2);
        VariableContext withNote = Variables.createVariables().putValue("note", null).asVariableContext();
        VariableContext without = Variables.createVariables().asVariableContext();
        cached.evaluateSimpleExpression("note = null", withNote);
        Object missing;
        try {
            missing = scala.evaluateSimpleExpression("note = null", without);
        } catch (RuntimeException feelFails) {
            missing = feelFails.getClass();
        }
        Object ours;
        try {
            ours = cached.evaluateSimpleExpression("note = null", without);
        } catch (RuntimeException feelFails) {
            ours = feelFails.getClass();
        }
        assertThat(ours).as("a missing name: FEEL's own answer").isEqualTo(missing);
        assertThat(asked).as("the missing name asked FEEL").hasValue(4);
    }
}
