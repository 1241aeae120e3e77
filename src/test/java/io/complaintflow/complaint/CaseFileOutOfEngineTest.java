package io.complaintflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.intake.ComplaintRequest;
import io.complaintflow.intake.ComplaintRequest.CustomerRequest;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The case file is read from the record, not copied into the engine: a complaint walked from intake to its
 * satisfaction callback leaves the customer's name, phone and e-mail address in no row of the engine's tables
 * (runtime, history, byte arrays), and its processes carry only the small variables the models decide on.
 */
@ComplaintFlowTest
class CaseFileOutOfEngineTest {

    private static final java.util.Set<String> MAIL = java.util.Set.of("mailTo", "mailSubject", "mailBody");
    private static final java.util.Set<String> VARIABLE_TEXT = java.util.Set.of("act_ru_variable.text_",
            "act_hi_varinst.text_", "act_hi_detail.text_");

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TestScenarios scenarios;
    @Autowired DataSource dataSource;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void aComplaintWalkedToItsCallbackLeavesNoNamePhoneOrEmailInTheEngine() {
        long n = ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        String phone = "166" + n;
        String email = "case.file." + n + "@privacy.example";
        String name = "案卷客户" + n;
        String caseNumber = scenarios.file(new ComplaintRequest("hotline", null, null, null,
                new CustomerRequest(name, phone, email, null, false), "delivery", TestScenarios.uniqueProduct(),
                "快递一周未到", "包裹一周还没送到，物流信息不更新", null, null, false, null));
        EngineRows rows = new EngineRows(dataSource);

        ProcessInstance lifecycle = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .processDefinitionKey(ComplaintProcess.KEY).singleResult();
        assertThat(lifecycle).isWaitingAt("Activity_DepartmentHandling");
        EngineRows.Footprint waiting = rows.variables(caseNumber);
        System.out.println("case file footprint " + caseNumber + ": waiting at the department " + waiting.variables()
                + " variables (" + waiting.bytes() + " bytes): " + rows.variableNames(caseNumber));
        assertThat(rows.variableNames(caseNumber)).as("no copy of the case view in any process of the case")
                .doesNotContain(CaseFileVariables.SUMMARY, CaseFileVariables.TIMELINE);

        scenarios.propose(caseNumber, "logistics", "logistics", "补发包裹");
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "为您补发包裹", "compensation", 50));
        scenarios.accept(caseNumber);
        execute(job(lifecycle));
        scenarios.complete(caseNumber, "Task_SatisfactionCallback", "center",
                Map.of("satisfactionScore", "5", "problemResolved", "yes", "callbackNote", "客户满意"));
        assertThat(lifecycle).isEnded();
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo("CLOSED");

        Map<String, Integer> history = rows.historyRows(caseNumber);
        Map<String, Integer> withPhone = rows.rowsContaining(phone);
        Map<String, Integer> withEmail = rows.rowsContaining(email);
        Map<String, Integer> withName = rows.rowsContaining(name);
        System.out.println("case file footprint " + caseNumber + ": closed, "
                + history.values().stream().mapToInt(Integer::intValue).sum() + " history rows " + history
                + "; engine rows with the phone " + withPhone + ", the e-mail " + withEmail + ", the name " + withName);

        assertThat(withPhone).as("engine rows holding the customer's phone").isEmpty();
        // the mails to the customer (acknowledgement, closing) still travel through the notification process with
        // their recipient and text; nothing of the case file itself holds the e-mail address or the name
        assertThat(rows.variablesContaining(email)).as("variables holding the customer's e-mail").isSubsetOf(MAIL);
        assertThat(rows.variablesContaining(name)).as("variables holding the customer's name").isSubsetOf(MAIL);
        assertThat(withEmail.keySet()).isSubsetOf(VARIABLE_TEXT);
        assertThat(withName.keySet()).isSubsetOf(VARIABLE_TEXT);
    }
}
