package io.complaintflow.privacy;

import static io.complaintflow.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.HttpSession;
import io.complaintflow.TestScenarios;
import io.complaintflow.callback.SurveyService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A customer's access request: everything held about them, as JSON and as a document to hand over. */
@ComplaintFlowTest
class SubjectExportTest {

    @Autowired MockMvc mvc;
    @Autowired TestScenarios scenarios;
    @Autowired SurveyService surveys;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    private String closedWithSurvey(PrivacyScenarios customer) {
        String caseNumber = customer.fileFor(scenarios);
        scenarios.propose(caseNumber, "logistics", "logistics", "补发包裹");
        scenarios.complete(caseNumber, "Task_AnswerCustomer", "center", Map.of("answer", "已为您补发"));
        scenarios.accept(caseNumber);
        String token = jdbc.sql("select token from survey_token where case_number = ?").param(caseNumber)
                .query(String.class).single();
        surveys.answer(token, 2, List.of(), "快递员态度<b>很差</b>");
        return caseNumber;
    }

    @Test
    void theExportHoldsEveryComplaintTimelineMailAndSurveyAnswerAndIsLogged() throws Exception {
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();
        String closed = closedWithSurvey(customer);
        String open = scenarios.file(customer.complaint());
        String someoneElse = scenarios.file(PrivacyScenarios.newCustomer().complaint());

        mvc.perform(get("/api/privacy/subjects/export").param("phone", customer.phone()).with(as("privacy")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.exportedBy").value("privacy"))
                .andExpect(jsonPath("$.complaints.length()").value(2))
                .andExpect(jsonPath("$.complaints[0].complaint.caseNumber").value(closed))
                .andExpect(jsonPath("$.complaints[1].complaint.caseNumber").value(open))
                .andExpect(jsonPath("$.complaints[0].complaint.customer.phone").value(customer.phone()))
                .andExpect(jsonPath("$.complaints[0].complaint.description").value(containsString("建国路88号")))
                .andExpect(jsonPath("$.complaints[0].complaint.timeline[*].kind").value(hasItem("ACCEPTED")))
                .andExpect(jsonPath("$.complaints[0].surveyAnswers[0].score").value(2))
                .andExpect(jsonPath("$.complaints[0].surveyAnswers[0].answeredAt").exists())
                .andExpect(content().string(containsString("很差")))
                .andExpect(jsonPath("$.complaints[0].mailsSent[*].to").value(hasItem(customer.email())))
                .andExpect(content().string(not(containsString(someoneElse))));

        assertThat(jdbc.sql("select door from privacy_access_log where case_number in (?, ?) and user_id = 'privacy'")
                .params(closed, open).query(String.class).list()).containsExactly("EXPORT", "EXPORT");
    }

    @Test
    void theSameCustomerIsFoundByEMailAndCustomerIdAndPhoneInAnyForm() throws Exception {
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();
        String caseNumber = scenarios.file(customer.complaint());
        String p = customer.phone();
        for (Map.Entry<String, String> by : List.of(Map.entry("email", customer.email().toUpperCase()),
                Map.entry("customerId", customer.customerId()), Map.entry("phone", "+86 " + p),
                Map.entry("phone", p.substring(0, 3) + "-" + p.substring(3, 7) + "-" + p.substring(7)))) {
            mvc.perform(get("/api/privacy/subjects/export").param(by.getKey(), by.getValue()).with(as("privacy")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.complaints[*].complaint.caseNumber").value(hasItem(caseNumber)));
        }
    }

    @Test
    void theDocumentToHandOverIsAReadablePageWithEverythingEscaped() throws Exception {
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();
        String caseNumber = closedWithSurvey(customer);

        mvc.perform(get("/api/privacy/subjects/export").param("email", customer.email()).param("format", "html")
                        .with(as("privacy")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(containsString("个人信息副本")))
                .andExpect(content().string(containsString("工单 " + caseNumber)))
                .andExpect(content().string(containsString(customer.name())))
                .andExpect(content().string(containsString("&lt;b&gt;很差")))
                .andExpect(content().string(not(containsString("<b>很差"))));
    }

    @Test
    void badRequestsNameTheFieldAndOthersAreRefused() throws Exception {
        mvc.perform(get("/api/privacy/subjects/export").with(as("privacy")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("phone"));
        mvc.perform(get("/api/privacy/subjects/export").param("email", "kein-at").with(as("privacy")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"));
        mvc.perform(get("/api/privacy/subjects/export").param("email", "a@b.cn").param("format", "pdf")
                        .with(as("privacy")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("format"));
        for (String user : new String[] {"demo", "center", "manager"}) {
            mvc.perform(get("/api/privacy/subjects/export").param("email", "a@b.cn").with(as(user)))
                    .andExpect(status().isForbidden());
        }
        assertThat(new HttpSession(port).get("/api/privacy/subjects/export?email=a@b.cn").statusCode())
                .isEqualTo(401);
    }
}
