package io.complaintflow.modelpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import io.complaintflow.modelpolicy.Violation.Rule;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Publishing a model is not publishing code: every way of deploying passes one policy before the engine sees it. */
@ComplaintFlowTest
class ModelPolicyTest {

    static final String EXEC = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
            + ".exec('touch MARKER').waitFor()}";

    @LocalServerPort int port;
    @Autowired ModelPolicy policy;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired ProcessEngineConfiguration configuration;

    private static String model(String key, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" targetNamespace="t">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="StartEvent_1"/>
                    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Task_Exec"/>
                    %s
                    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Exec" targetRef="EndEvent_1"/>
                    <bpmn:endEvent id="EndEvent_1"/>
                  </bpmn:process>
                </bpmn:definitions>""".formatted(key, body);
    }

    private static String execTask(Path marker) {
        return "<bpmn:serviceTask id=\"Task_Exec\" camunda:expression=\""
                + EXEC.replace("MARKER", marker.toString()).replace("'", "&apos;") + "\"/>";
    }

    private long deployments() {
        return repository.createDeploymentQuery().count();
    }

    @Test
    void aProcessOwnersModelThatRunsRuntimeExecThroughEngineRestIsRefusedNamingTheElementAndRule() throws IOException {
        Path marker = Files.createTempDirectory("policy").resolve("pwned");
        String key = "attack-" + UUID.randomUUID().toString().substring(0, 8);
        String attack = model(key, execTask(marker));
        long before = deployments();
        for (String user : List.of("owner", "demo")) {
            HttpResponse<String> deployed = new HttpSession(port).basic(user, "demo")
                    .upload("/engine-rest/deployment/create", key + ".bpmn", attack);
            if (deployed.statusCode() < 300) { // what used to happen: the model is live, and starting it runs the command
                new HttpSession(port).basic(user, "demo").postJson("/engine-rest/process-definition/key/" + key + "/start", "{}");
            }
            assertThat(marker).as("the command never ran").doesNotExist();
            assertThat(deployed.statusCode()).as(user).isIn(400, 403);
            if (user.equals("demo")) { // administrators may deploy through engine-rest, but not code
                assertThat(deployed.statusCode()).isEqualTo(400);
                assertThat(deployed.body()).contains("Task_Exec", "METHOD_CALL", "getClass");
            }
        }
        assertThat(deployments()).isEqualTo(before);
    }

    @Test
    void theSameModelSavedIntoTheFolderIsRefusedOnRedeployWithProblemJsonAndListedForTheOwner() throws IOException {
        Path marker = Files.createTempDirectory("policy").resolve("pwned");
        String key = "folder-attack-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = Path.of("processes", key + ".bpmn");
        long before = deployments();
        HttpSession owner = new HttpSession(port).basic("owner", "demo");
        try {
            Files.writeString(file, model(key, execTask(marker)));
            HttpResponse<String> redeploy = owner.post("/api/models/redeploy", Map.of());
            assertThat(redeploy.statusCode()).isEqualTo(400);
            assertThat(redeploy.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(redeploy.body()).contains(key + ".bpmn#Task_Exec", "\"rule\":\"METHOD_CALL\"");
            assertThat(deployments()).isEqualTo(before);
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(key).count()).isZero();
            HttpResponse<String> issues = owner.get("/api/models/policy-issues");
            assertThat(issues.statusCode()).isEqualTo(200);
            assertThat(issues.body()).contains(key + ".bpmn", "Task_Exec", "METHOD_CALL");
            assertThat(new HttpSession(port).basic("quality", "demo").get("/api/models/policy-issues").statusCode())
                    .isEqualTo(403);
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(owner.post("/api/models/redeploy", Map.of()).statusCode()).isEqualTo(200);
        assertThat(owner.get("/api/models/policy-issues").body()).isEqualTo("[]");
        assertThat(marker).doesNotExist();
    }

    @Test
    void everyModelInTheProcessesFolderPasses() throws IOException {
        Map<String, byte[]> resources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path f : files.toList()) {
                resources.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        assertThat(resources).hasSizeGreaterThan(5);
        assertThat(policy.check(resources)).extracting(Violation::message).isEmpty();
    }

    @Test
    void eachRuleNamesTheElementAndTheRule() {
        assertRefused("<bpmn:scriptTask id=\"Task_Exec\" scriptFormat=\"groovy\"><bpmn:script>'id'.execute()</bpmn:script></bpmn:scriptTask>",
                Rule.SCRIPT);
        assertRefused("<bpmn:serviceTask id=\"Task_Exec\" camunda:expression=\"${true}\"><bpmn:extensionElements><camunda:inputOutput>"
                + "<camunda:inputParameter name=\"x\"><camunda:script scriptFormat=\"javascript\">java.lang.Runtime.getRuntime()</camunda:script>"
                + "</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>", Rule.SCRIPT);
        assertRefused("<bpmn:serviceTask id=\"Task_Exec\" camunda:class=\"org.example.Evil\"/>", Rule.FOREIGN_CLASS);
        assertRefused("<bpmn:userTask id=\"Task_Exec\"><bpmn:extensionElements><camunda:taskListener event=\"create\" "
                + "class=\"java.lang.Thread\"/></bpmn:extensionElements></bpmn:userTask>", Rule.FOREIGN_CLASS);
        assertRefused("<bpmn:serviceTask id=\"Task_Exec\" camunda:delegateExpression=\"${identityService}\"/>",
                Rule.UNPUBLISHED_BEAN);
        assertRefused("<bpmn:serviceTask id=\"Task_Exec\" camunda:expression=\"${runtimeService.deleteProcessInstance(x, y)}\"/>",
                Rule.UNPUBLISHED_BEAN);
        assertRefused("<bpmn:serviceTask id=\"Task_Exec\" camunda:expression=\"${execution.processEngineServices.identityService}\"/>",
                Rule.FORBIDDEN_PROPERTY);
        assertRefused("<bpmn:serviceTask id=\"Task_Exec\" camunda:expression=\"${grade.class.classLoader}\"/>",
                Rule.FORBIDDEN_PROPERTY);
        assertRefused("<bpmn:serviceTask id=\"Task_Exec\" camunda:expression=\"${pdcaProcess.toString()}\"/>",
                Rule.METHOD_CALL);
        assertRefused("<bpmn:serviceTask id=\"Task_Exec\" camunda:expression=\"${x:exec('id')}\"/>", Rule.FUNCTION);
        assertRefused("<bpmn:serviceTask id=\"Task_Exec\" camunda:expression=\"${true}\"><bpmn:extensionElements>"
                + "<camunda:field name=\"f\"><camunda:expression>${subject.getBytes()}</camunda:expression></camunda:field>"
                + "</bpmn:extensionElements></bpmn:serviceTask>", Rule.METHOD_CALL);
        assertRefused("<bpmn:intermediateCatchEvent id=\"Task_Exec\"><bpmn:timerEventDefinition><bpmn:timeDate>"
                + "${grade.getClass()}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>",
                Rule.METHOD_CALL);
        assertRefused("<bpmn:serviceTask id=\"Task_Exec\" camunda:expression=\"${true}\"><bpmn:extensionElements>"
                + "<camunda:executionListener event=\"start\" expression=\"${''.concat('x')}\"/></bpmn:extensionElements>"
                + "</bpmn:serviceTask>", Rule.METHOD_CALL);
        assertRefused("<bpmn:serviceTask id=\"Task_Exec\" camunda:expression=\"${true}\"><bpmn:extensionElements>"
                + "<camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>"
                + "</bpmn:extensionElements></bpmn:serviceTask>", Rule.CONNECTOR);
        String condition = model("c", "<bpmn:exclusiveGateway id=\"Task_Exec\"/>").replace(
                "<bpmn:sequenceFlow id=\"Flow_2\" sourceRef=\"Task_Exec\" targetRef=\"EndEvent_1\"/>",
                "<bpmn:sequenceFlow id=\"Flow_2\" sourceRef=\"Task_Exec\" targetRef=\"EndEvent_1\"><bpmn:conditionExpression "
                        + "xsi:type=\"bpmn:tFormalExpression\" language=\"groovy\">true</bpmn:conditionExpression></bpmn:sequenceFlow>");
        assertThat(policy.check("c.bpmn", condition.getBytes())).extracting(Violation::element, Violation::rule)
                .contains(org.assertj.core.groups.Tuple.tuple("Flow_2", Rule.SCRIPT));
        // allowed: variables, comparisons, published beans' methods, execution's reading properties, engine functions
        assertThat(policy.check("ok.bpmn", model("ok", "<bpmn:serviceTask id=\"Task_Exec\" camunda:expression=\""
                + "${pdcaProcess.dueOf(actionId) != null &amp;&amp; grade == 'G3' &amp;&amp; execution.processBusinessKey != currentUser()}\"/>")
                .getBytes())).isEmpty();
    }

    @Test
    void dmnScriptLanguagesAndReflectionAreRefused() {
        String dmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="t">
                  <decision id="Decision_X" name="x">
                    <decisionTable id="DecisionTable_X">
                      <input id="Input_1"><inputExpression id="InputExpression_1" typeRef="string" expressionLanguage="javascript">
                        <text>java.lang.Runtime.getRuntime().exec('id')</text></inputExpression></input>
                      <output id="Output_1" name="o" typeRef="string"/>
                      <rule id="Rule_1"><inputEntry id="UnaryTests_1"><text>-</text></inputEntry>
                        <outputEntry id="LiteralExpression_1"><text>x.class.name</text></outputEntry></rule>
                    </decisionTable>
                  </decision>
                </definitions>""";
        assertThat(policy.check("x.dmn", dmn.getBytes())).extracting(Violation::element, Violation::rule).contains(
                org.assertj.core.groups.Tuple.tuple("InputExpression_1", Rule.DMN_LANGUAGE),
                org.assertj.core.groups.Tuple.tuple("LiteralExpression_1", Rule.FORBIDDEN_PROPERTY));
    }

    @Test
    void atRunTimeExpressionsSeeOnlyPublishedBeansAndCallNoOtherMethods() {
        var engine = (ProcessEngineConfigurationImpl) configuration;
        var manager = engine.getExpressionManager();
        var scope = StartProcessVariableScope.getSharedInstance();
        assertThatThrownBy(() -> engine.getCommandExecutorTxRequired().execute(
                c -> manager.createExpression("${''.getClass().getName()}").getValue(scope)))
                .hasMessageContaining("model policy");
        assertThatThrownBy(() -> engine.getCommandExecutorTxRequired().execute(
                c -> manager.createExpression("${identityService}").getValue(scope)))
                .hasMessageContaining("identityService");
        Object pdca = engine.getCommandExecutorTxRequired().execute(
                c -> manager.createExpression("${pdcaProcess}").getValue(scope));
        assertThat(pdca).isNotNull();
    }

    private void assertRefused(String element, Rule... rules) {
        List<Violation> violations = policy.check("m.bpmn", model("m", element).getBytes());
        assertThat(violations).as(element).isNotEmpty();
        assertThat(violations).as(element).allSatisfy(v -> assertThat(v.element()).isEqualTo("Task_Exec"));
        assertThat(violations).extracting(Violation::rule).as(element).containsAnyOf(rules);
    }
}
