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
        assertThat(asked).hasValue(4);
        VariableContext count = Variables.createVariables().putValue("repeatCount", 2).asVariableContext();
        assertThat((Object) cached.evaluateSimpleExpression("repeatCount", count))
                .isEqualTo(scala.evaluateSimpleExpression("repeatCount", count));
    }

    @Test
    void functionsOtherNamesAndLongTextsGoToFeelEveryTime() {
        String text = "客户说要找记者曝光".repeat(30);
        VariableContext input = Variables.createVariables().putValue("cellInput", text).asVariableContext();
        String matches = "matches(?, \"记者|曝光\")";
        assertThat(cached.evaluateSimpleUnaryTests(matches, "cellInput", input)).isTrue();
        assertThat(cached.evaluateSimpleUnaryTests(matches, "cellInput", input)).isTrue();
        VariableContext amount = Variables.createVariables().putValue("cellInput", 6000.0).putValue("limit", 5000.0)
                .asVariableContext();
        assertThat(cached.evaluateSimpleUnaryTests("> limit", "cellInput", amount)).isTrue();
        assertThat(cached.evaluateSimpleUnaryTests("> limit", "cellInput", amount)).isTrue();
        VariableContext compensation = Variables.createVariables().putValue("compensation", null).asVariableContext();
        assertThat((Object) cached.evaluateSimpleExpression("if compensation = null then 0 else compensation",
                compensation)).isEqualTo(scala.evaluateSimpleExpression(
                "if compensation = null then 0 else compensation", compensation));
        assertThat(asked).hasValue(5);
    }
}
