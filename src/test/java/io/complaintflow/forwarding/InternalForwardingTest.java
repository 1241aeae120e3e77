package io.complaintflow.forwarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintRepository;
import io.complaintflow.complaint.TimelineEntry;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ComplaintFlowTest
class InternalForwardingTest {

    @Autowired ProcessEngine engine;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired FormService forms;
    @Autowired IdentityService identity;
    @Autowired ComplaintRepository complaints;
    @Autowired TestScenarios scenarios;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
        // as Tasklist signs in a sales employee: the start form is open to every staff group (AuthorizationPolicy)
        identity.setAuthentication("sales-wang", java.util.List.of("dept-sales"));
    }

    @AfterEach
    void logout() {
        identity.clearAuthentication();
    }

    private ProcessDefinition definition() {
        return repository.createProcessDefinitionQuery().processDefinitionKey("internal-forwarding").latestVersion()
                .singleResult();
    }

    private Map<String, Object> form(String description) {
        Map<String, Object> values = new HashMap<>();
        values.put("forwarderDepartment", "销售部");
        values.put("receivedVia", "客户来电");
        values.put("customerName", "钱先生");
        values.put("customerPhone", TestScenarios.uniquePhone());
        values.put("category", "after-sales");
        values.put("product", TestScenarios.uniqueProduct());
        values.put("subject", "维修后仍有故障");
        values.put("description", description);
        return values;
    }

    @Test
    void aForwardedComplaintLandsInTheCenterAsANormalComplaintWithTheForwarderRecorded() {
        ProcessDefinition definition = definition();
        assertThat(definition.isStartableInTasklist()).isTrue();
        assertThat(repository.getBpmnModelInstance(definition.getId())
                .<org.camunda.bpm.model.bpmn.instance.StartEvent>getModelElementById("StartEvent_ComplaintForwarded")
                .getCamundaFormRef()).isEqualTo("internal-forwarding-start");

        ProcessInstance forwarding = forms.submitStartForm(definition.getId(), form("客户说维修后第二天又坏了"));
        identity.clearAuthentication(); // the sales employee may start it, not read the process afterwards

        assertThat(forwarding).isEnded().hasPassed("StartEvent_ComplaintForwarded", "Task_RegisterForwarded",
                "EndEvent_ForwardedToCenter");
        String caseNumber = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(forwarding.getId()).singleResult().getBusinessKey();
        Complaint complaint = scenarios.complaint(caseNumber);
        assertThat(complaint.channel()).isEqualTo("internal");
        assertThat(complaint.externalRef()).isEqualTo("FWD-" + forwarding.getId());
        assertThat(complaints.timeline(caseNumber)).extracting(TimelineEntry::kind).contains("ACCEPTED", "FORWARDED");
        TimelineEntry forwarded = complaints.timeline(caseNumber).stream().filter(e -> e.kind().equals("FORWARDED"))
                .findFirst().orElseThrow();
        assertThat(forwarded.actor()).isEqualTo("sales-wang");
        assertThat(forwarded.summary()).isEqualTo("由 销售部 sales-wang 转交投诉中心（客户来电）");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("complaint-handling")
                .processInstanceBusinessKey(caseNumber).count()).as("handled in the center's lifecycle").isEqualTo(1);
        assertThat(scenarios.timelineKinds(caseNumber)).contains("FORWARDED");
    }

    @Test
    void anIncompleteFormIsRefusedAndNothingIsStored() {
        long before = jdbc.sql("select count(*) from complaint").query(Long.class).single();
        Map<String, Object> values = form(null);
        values.remove("customerPhone");

        // the form's own rules, checked before anything runs (formguard): the description is required
        assertThatThrownBy(() -> forms.submitStartForm(definition().getId(), values))
                .hasMessageContaining("description（投诉内容）：必填");
        // then intake's: a phone or an e-mail address
        values.put("description", "客户说维修后第二天又坏了");
        assertThatThrownBy(() -> forms.submitStartForm(definition().getId(), values))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("客户电话");
        assertThat(jdbc.sql("select count(*) from complaint").query(Long.class).single()).isEqualTo(before);
    }
}
