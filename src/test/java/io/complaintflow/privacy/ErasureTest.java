package io.complaintflow.privacy;

import static io.complaintflow.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import io.complaintflow.TestScenarios;
import io.complaintflow.callback.SurveyService;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.complaint.ComplaintStatus;
import io.complaintflow.crisis.CrisisStarter;
import io.complaintflow.mass.MassIncident;
import io.complaintflow.mass.MassIncidents;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A customer's deletion request: refused while a complaint is open or on legal hold; carried out, it leaves the
 * customer's phone, e-mail and name in no column of any table — the application's or Camunda's, byte arrays too —
 * while the complaint's figures and the reports stay as they were.
 */
@ComplaintFlowTest
class ErasureTest {

    @Autowired MockMvc mvc;
    @Autowired TestScenarios scenarios;
    @Autowired SurveyService surveys;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired FormService forms;
    @Autowired RepositoryService repository;
    @Autowired HistoryService history;
    @Autowired IdentityService identity;
    @Autowired CrisisStarter crisisStarter;
    @Autowired MassIncidents incidents;
    @LocalServerPort int port;

    private String closedComplaintOf(PrivacyScenarios customer) {
        return closed(customer, customer.fileFor(scenarios));
    }

    /** Takes a filed (and, where asked, reviewed) complaint of this customer's to closure and a survey answer. */
    private String closed(PrivacyScenarios customer, String caseNumber) {
        scenarios.propose(caseNumber, "logistics", "logistics", "已电话联系 " + customer.phone() + "，补发包裹");
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center",
                Map.of("answer", customer.name() + "您好，已为您补发，快递单号将发至 " + customer.email()));
        scenarios.accept(caseNumber);
        String token = jdbc.sql("select token from survey_token where case_number = ?").param(caseNumber)
                .query(String.class).single();
        assertThat(surveys.answer(token, 4, List.of(), "我是" + customer.name() + "，电话 " + customer.phone()).outcome())
                .isEqualTo(SurveyService.Outcome.RECORDED);
        return caseNumber;
    }

    @Test
    void anErasedCustomerIsInNoTableWhileTheFiguresStay() throws Exception {
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();
        String first = closedComplaintOf(customer);
        String second = closedComplaintOf(customer);
        List<String> values = List.of(customer.phone(), customer.email(), customer.name());
        assertThat(DatabaseScan.whereFound(dataSource, values)).as("before: the data is spread out")
                .anyMatch(w -> w.toLowerCase().startsWith("complaint."))
                .anyMatch(w -> w.toLowerCase().startsWith("timeline_entry."))
                .anyMatch(w -> w.toLowerCase().startsWith("survey_token.") || w.toLowerCase().startsWith("act_"));
        Complaint before = scenarios.complaint(first);
        String departmentsBefore = departments(first);
        String summaryBefore = mvc.perform(get("/api/reports/summary").with(as("manager"))).andReturn()
                .getResponse().getContentAsString();

        mvc.perform(post("/api/privacy/subjects/erase").with(as("privacy")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"+86 " + customer.phone() + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.erased.length()").value(2));

        assertThat(DatabaseScan.scannedTables(dataSource)).contains("act_ge_bytearray", "act_hi_varinst",
                "act_hi_detail", "act_ru_variable", "complaint", "timeline_entry", "survey_token");
        assertThat(DatabaseScan.whereFound(dataSource, values)).isEmpty();

        Complaint after = scenarios.complaint(first);
        assertThat(after.customer().name()).isEqualTo("[已删除]");
        assertThat(after.customer().phone()).isNull();
        assertThat(List.of(after.status(), after.grade(), after.category(), after.channel(), after.createdAt(),
                after.closedAt(), after.compensation(), after.satisfactionScore(), after.rejectionCount()))
                .isEqualTo(List.of(before.status(), before.grade(), before.category(), before.channel(),
                        before.createdAt(), before.closedAt(), before.compensation(), before.satisfactionScore(),
                        before.rejectionCount()));
        assertThat(departments(first)).isEqualTo(departmentsBefore);
        assertThat(mvc.perform(get("/api/reports/summary").with(as("manager"))).andReturn().getResponse()
                .getContentAsString()).isEqualTo(summaryBefore);
        assertThat(jdbc.sql("select reason from privacy_erasure where case_number in (?, ?)").params(first, second)
                .query(String.class).list()).containsExactly("REQUEST", "REQUEST");

        // asked again: nothing left to erase
        mvc.perform(post("/api/privacy/subjects/erase").with(as("privacy")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + customer.email() + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.erased.length()").value(0));
    }

    /**
     * The customer is also in processes that are not keyed by one complaint of theirs alone: an internal forwarding
     * (its start form held the contact details), a crisis declared for their complaint (its log notes the call to
     * them), and a mass incident their complaint belongs to, with that incident's crisis. After the erasure none of
     * their phone, e-mail or name is in any table.
     */
    @Test
    void aCustomerInAForwardingACrisisAndAMassIncidentIsInNoTableAfterErasure() throws Exception {
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();

        // 1. a sales employee forwards the customer's complaint (Tasklist start form internal-forwarding)
        identity.setAuthentication("sales-wang", List.of("dept-sales"));
        ProcessInstance forwarding;
        try {
            Map<String, Object> form = new HashMap<>();
            form.put("forwarderDepartment", "销售部");
            form.put("receivedVia", "客户来电");
            form.put("customerName", customer.name());
            form.put("customerPhone", customer.phone());
            form.put("customerEmail", customer.email());
            form.put("category", "delivery");
            form.put("product", TestScenarios.uniqueProduct());
            form.put("subject", "转交：快递丢失（" + customer.name() + "）");
            form.put("description", "客户" + customer.name() + "来电，电话 " + customer.phone() + "，邮箱 "
                    + customer.email() + "，称包裹丢失。");
            forwarding = forms.submitStartForm(repository.createProcessDefinitionQuery()
                    .processDefinitionKey("internal-forwarding").latestVersion().singleResult().getId(), form);
        } finally {
            identity.clearAuthentication();
        }
        String forwarded = history.createHistoricProcessInstanceQuery().processInstanceId(forwarding.getId())
                .singleResult().getBusinessKey();
        scenarios.runIntakeJobs(forwarded);
        closed(customer, PrivacyScenarios.reviewed(scenarios, forwarded));

        // 2. a crisis declared for their complaint; the manager's call to them is in the crisis log
        String inCrisis = customer.fileFor(scenarios);
        crisisStarter.forComplaint(inCrisis, "manager");
        scenarios.complete(inCrisis, "Task_ContactCustomer", "manager",
                Map.of("contactNote", "已致电 " + customer.name() + "（" + customer.phone() + "），并发邮件至 "
                        + customer.email()));
        closed(customer, inCrisis);

        // 3. their complaint is the fifth about one product within a day: a mass incident, raised to a crisis
        String product = TestScenarios.uniqueProduct();
        for (int i = 0; i < 4; i++) {
            scenarios.file(PrivacyScenarios.newCustomer().complaint(product));
        }
        String member = PrivacyScenarios.reviewed(scenarios, scenarios.file(customer.complaint(product)));
        MassIncident incident = incidents.ofComplaint(member).orElseThrow();
        crisisStarter.forIncident(incident, "commander");
        closed(customer, member);

        List<String> values = List.of(customer.phone(), customer.email(), customer.name());
        assertThat(DatabaseScan.whereFound(dataSource, values)).as("before: in the processes around the complaints")
                .anyMatch(w -> w.toLowerCase().startsWith("crisis"))
                .anyMatch(w -> w.toLowerCase().startsWith("act_hi_"));

        mvc.perform(post("/api/privacy/subjects/erase").with(as("privacy")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + customer.email() + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.erased.length()").value(3));

        assertThat(DatabaseScan.whereFound(dataSource, values)).isEmpty();
        assertThat(incidents.find(incident.id()).orElseThrow().members()).as("the incident keeps its members")
                .contains(member);
    }

    @Test
    void anOpenComplaintStopsTheWholeRequestWithItsReason() throws Exception {
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();
        String closed = closedComplaintOf(customer);
        String open = scenarios.file(customer.complaint());

        mvc.perform(post("/api/privacy/subjects/erase").with(as("privacy")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\":\"" + customer.customerId() + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString(open)))
                .andExpect(jsonPath("$.detail").value(containsString("尚未结案")));

        assertThat(scenarios.complaint(closed).customer().name()).as("nothing erased").isEqualTo(customer.name());
        assertThat(jdbc.sql("select count(*) from privacy_erasure where case_number = ?").param(closed)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aComplaintTheFinancialRegulatorForwardedIsKeptFiveYears() throws Exception {
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();
        String caseNumber = scenarios.file(new io.complaintflow.intake.ComplaintRequest("hotline", null, null, null,
                customer.complaint().customer(), "billing", TestScenarios.uniqueProduct(), "咨询", "客户来电咨询",
                null, null, true, "已当场解答"));
        scenarios.accept(caseNumber);
        assertThat(scenarios.complaint(caseNumber).status()).isEqualTo(ComplaintStatus.CLOSED);
        // as if the financial regulator had forwarded it: the record's channel and regulator decide the hold
        jdbc.sql("update complaint set channel = 'regulator', regulator = 'nfra' where case_number = ?")
                .param(caseNumber).update();

        mvc.perform(post("/api/privacy/subjects/erase").with(as("privacy")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + customer.email() + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString(caseNumber)))
                .andExpect(jsonPath("$.detail").value(containsString("依法须保存至")));
    }

    @Test
    void aRequestNamesExactlyOneIdentifier() throws Exception {
        mvc.perform(post("/api/privacy/subjects/erase").with(as("privacy")).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("phone"));
        mvc.perform(post("/api/privacy/subjects/erase").with(as("privacy")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"13800000000\",\"email\":\"a@b.cn\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/privacy/subjects/erase").with(as("privacy")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"abc\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("phone"));
    }

    @Test
    void onlyPrivacyOfficersMayErase() throws Exception {
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();
        String caseNumber = closedComplaintOf(customer);
        for (String user : new String[] {"demo", "center", "manager"}) {
            mvc.perform(post("/api/privacy/subjects/erase").with(as(user)).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"email\":\"" + customer.email() + "\"}"))
                    .andExpect(status().isForbidden());
        }
        assertThat(new HttpSession(port).postJson("/api/privacy/subjects/erase",
                "{\"email\":\"" + customer.email() + "\"}").statusCode()).isEqualTo(401);
        assertThat(scenarios.complaint(caseNumber).customer().email()).isEqualTo(customer.email());
    }

    private String departments(String caseNumber) {
        return jdbc.sql("select department || ':' || is_lead || ':' || state || ':' || coalesce(cast(compensation as"
                        + " varchar(20)), '-') || ':' || coalesce(root_cause, '-') from complaint_department"
                        + " where case_number = ? order by department")
                .param(caseNumber).query(String.class).list().toString();
    }
}
