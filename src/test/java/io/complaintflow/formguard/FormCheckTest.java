package io.complaintflow.formguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of one form applied to submissions, without an engine. */
class FormCheckTest {

    static final CamundaForm FORM = CamundaForm.parse(new ByteArrayInputStream("""
            {"id":"probe","components":[
              {"key":"summary","type":"textarea","label":"案情","readonly":true},
              {"key":"amount","type":"number","label":"金额","readonly":true},
              {"key":"decision","type":"radio","label":"结论","validate":{"required":true},
               "values":[{"label":"同意","value":"approve"},{"label":"退回","value":"reject"}]},
              {"key":"note","type":"textarea","label":"意见","validate":{"required":true,"maxLength":10},
               "conditional":{"hide":"=decision != \\"reject\\""}},
              {"key":"cause","type":"select","label":"原因","valuesKey":"causeOptions"},
              {"key":"departments","type":"checklist","values":[{"label":"质量","value":"quality"},{"label":"法务","value":"legal"}]},
              {"key":"days","type":"number","validate":{"min":1,"max":30},"decimalDigits":0},
              {"key":"due","type":"datetime","subtype":"date"},
              {"type":"group","components":[{"key":"nested","type":"textfield","validate":{"pattern":"^[A-Z]+$"}}]}
            ]}""".getBytes(StandardCharsets.UTF_8)));

    static final Map<String, Object> CURRENT = Map.of("summary", "第一行\n第二行", "amount", 1500L,
            "causeOptions", "[{\"label\":\"流程\",\"value\":\"process\"},{\"label\":\"产品\",\"value\":\"product\"}]");

    /** The FEEL conditions these tests use, evaluated by hand. */
    static final FormCheck.Conditions CONDITIONS = (feel, values) ->
            feel.equals("=decision != \"reject\"") ? !"reject".equals(values.get("decision")) : null;

    private static List<String> check(Map<String, Object> submitted, boolean complete) {
        return FormCheck.check(FORM, submitted, CURRENT, complete, CONDITIONS);
    }

    @Test
    void theTasksVariablesAreReadByNameAndAllOfThemOnlyForAHideCondition() {
        java.util.concurrent.atomic.AtomicInteger iterated = new java.util.concurrent.atomic.AtomicInteger();
        Map<String, Object> byName = new java.util.AbstractMap<>() {
            @Override
            public Object get(Object key) {
                return CURRENT.get(key);
            }

            @Override
            public boolean containsKey(Object key) {
                return CURRENT.containsKey(key);
            }

            @Override
            public java.util.Set<Map.Entry<String, Object>> entrySet() {
                iterated.incrementAndGet();
                return CURRENT.entrySet();
            }
        };
        assertThat(FormCheck.check(FORM, Map.of("summary", "第一行\n第二行", "decision", "approve", "cause", "process"),
                byName, true, CONDITIONS)).isEmpty();
        assertThat(FormCheck.check(FORM, Map.of("decision", "reject"), byName, true, CONDITIONS))
                .containsExactly("note（意见）：必填");
        assertThat(iterated).as("read-only field, valuesKey and the note's hide condition read by name").hasValue(0);
        Map<String, Object> context = new FormCheck.ConditionContext(byName, Map.of("decision", "reject"));
        assertThat(context.get("decision")).isEqualTo("reject");
        assertThat(context.get("amount")).isEqualTo(1500L);
        assertThat(context.containsKey("note")).isFalse();
        assertThat(context).as("all of them when asked").containsEntry("causeOptions", CURRENT.get("causeOptions"))
                .hasSize(4);
        assertThat(iterated).hasValue(1);
    }

    @Test
    void whatTheFormShowsWithReadOnlyFieldsUnchangedPasses() {
        Map<String, Object> ok = new HashMap<>(Map.of("summary", "第一行\r\n第二行", "amount", 1500.0,
                "decision", "approve", "cause", "product", "departments", List.of("quality", "legal"), "days", 5,
                "due", "2026-03-10", "nested", "ABC"));
        assertThat(check(ok, true)).isEmpty();
        assertThat(check(Map.of("decision", "reject", "note", "理由充分"), true)).isEmpty();
        assertThat(check(Map.of("departments", "[\"quality\"]"), false)).as("JSON as Tasklist may send it").isEmpty();
    }

    @Test
    void eachRefusedFieldIsNamed() {
        List<String> problems = check(Map.of("summary", "改过的案情", "amount", 1, "decision", "maybe",
                "cause", "aliens", "departments", List.of("quality", "pr"), "days", 2.5, "due", "下周",
                "nested", "abc", "grade", "G1"), true);
        assertThat(problems).hasSize(9);
        assertThat(String.join("\n", problems)).contains("summary（案情）：只读", "amount（金额）：只读",
                "decision（结论）：「maybe」不是可选项", "cause（原因）：「aliens」", "departments：「pr」", "days：最多 0 位小数",
                "due：日期", "nested：格式不正确", "grade：不是此表单（probe）中的字段");
        assertThat(check(Map.of("decision", "reject", "note", "这个理由写得太长了超过十个字"), true))
                .containsExactly("note（意见）：不能超过 10 个字符（现为 14）");
        assertThat(check(Map.of("days", 31), false)).containsExactly("days：不能大于 30");
        assertThat(check(Map.of("note", "a\u202Eb"), false)).singleElement().asString().contains("方向");
    }

    @Test
    void requiredFieldsCountOnlyWhenTheFormShowsThemAndTheSubmissionIsWhole() {
        assertThat(check(Map.of(), true)).containsExactly("decision（结论）：必填");
        assertThat(check(Map.of("decision", "reject"), true)).containsExactly("note（意见）：必填");
        assertThat(check(Map.of("decision", "approve"), true)).isEmpty();
        assertThat(check(Map.of("cause", "process"), false)).as("a partial write").isEmpty();
    }

    @Test
    void aSerializedObjectIsRefusedForEveryFieldWithoutBeingDeserialized() {
        // as /engine-rest hands it over: {"type":"Object","valueInfo":{"objectTypeName":…}} stays serialized
        org.camunda.bpm.engine.variable.VariableMap submitted = org.camunda.bpm.engine.variable.Variables.createVariables()
                .putValue("grade", "G".repeat(4672))
                .putValueTyped("decision", org.camunda.bpm.engine.variable.Variables.serializedObjectValue("\"approve\"")
                        .objectTypeName("java.lang.String").serializationDataFormat("application/json").create())
                .putValueTyped("days", org.camunda.bpm.engine.variable.Variables.serializedObjectValue("rO0ABXQAAXg=")
                        .objectTypeName("java.lang.Runtime")
                        .serializationDataFormat("application/x-java-serialized-object").create());
        List<String> problems = check(submitted, true);
        assertThat(String.join("\n", problems)).contains("grade：不是此表单（probe）中的字段",
                "decision（结论）：不接受 Object 类型的值（java.lang.String）", "days：不接受 Object 类型的值");
        assertThat(problems).hasSize(3);
    }

    @Test
    void jsonOrXmlIsReadWithoutSpinAndOnlyAListOfOptionsIsAccepted() {
        // Spin parsed these to look at them and threw (500): text that is not JSON, XML without a data format
        org.camunda.bpm.engine.variable.VariableMap submitted = org.camunda.bpm.engine.variable.Variables.createVariables()
                .putValueTyped("departments", org.camunda.spin.plugin.variable.SpinValues.jsonValue("[\"quality\"]").create())
                .putValueTyped("decision", org.camunda.spin.plugin.variable.SpinValues.jsonValue("{\"a\":").create())
                .putValueTyped("nested", org.camunda.spin.plugin.variable.SpinValues.xmlValue("<x>ABC</x>").create());
        List<String> problems = check(submitted, true);
        assertThat(problems).containsExactly("decision（结论）：不接受 Json 类型的值，请提交文本、数字、是否、日期或选项",
                "nested：不接受 Xml 类型的值，请提交文本、数字、是否、日期或选项");
    }
}
