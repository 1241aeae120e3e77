package io.complaintflow.privacy;

import static io.complaintflow.TestUsers.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** What each group sees of a complaint's personal data through the complaint API. */
@ComplaintFlowTest
class ComplaintMaskingTest {

    @Autowired MockMvc mvc;
    @Autowired TestScenarios scenarios;

    @Test
    void theDepartmentSeesTheCustomerMaskedInRecordAndText() throws Exception {
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();
        String caseNumber = scenarios.file(customer.complaint());

        mvc.perform(get("/api/complaints/" + caseNumber).with(as("logistics")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customer.name").value(customer.name().charAt(0) + "****"))
                .andExpect(jsonPath("$.customer.phone").value(customer.phone().substring(0, 3) + "****"
                        + customer.phone().substring(7)))
                .andExpect(jsonPath("$.customer.email").value("c***@example.com"))
                .andExpect(jsonPath("$.customer.customerId").value("****" + customer.customerId().substring(customer.customerId().length() - 4)))
                .andExpect(jsonPath("$.description").value(containsString("[地址已隐藏]")))
                .andExpect(jsonPath("$.description").value(containsString("北京市朝阳区")))
                .andExpect(jsonPath("$.category").value("delivery"))
                .andExpect(content().string(not(containsString(customer.phone()))))
                .andExpect(content().string(not(containsString(customer.email()))))
                .andExpect(content().string(not(containsString(customer.name()))))
                .andExpect(content().string(not(containsString(customer.customerId()))))
                .andExpect(content().string(not(containsString("110101199003071234"))))
                .andExpect(content().string(not(containsString("7890 128"))))
                .andExpect(content().string(not(containsString("建国路88号"))));
    }

    @Test
    void theListIsMaskedForTheDepartmentToo() throws Exception {
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();
        String caseNumber = scenarios.file(customer.complaint());

        mvc.perform(get("/api/complaints").param("department", "logistics").param("size", "200").with(as("logistics")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(caseNumber)))
                .andExpect(content().string(not(containsString(customer.phone()))))
                .andExpect(content().string(not(containsString(customer.name()))));
    }

    @Test
    void theCenterManagersAndPrivacyOfficersSeeItInFull() throws Exception {
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();
        String caseNumber = scenarios.file(customer.complaint());

        for (String user : new String[] {"center", "center-lead", "manager", "privacy", "demo"}) {
            mvc.perform(get("/api/complaints/" + caseNumber).with(as(user)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.customer.name").value(customer.name()))
                    .andExpect(jsonPath("$.customer.phone").value(customer.phone()))
                    .andExpect(jsonPath("$.customer.email").value(customer.email()))
                    .andExpect(jsonPath("$.description").value(containsString("建国路88号")));
        }
    }

    @Test
    void processOwnersAndTheEmergencyGroupReadEveryComplaintButMasked() throws Exception {
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();
        String caseNumber = scenarios.file(customer.complaint());

        for (String user : new String[] {"owner", "commander"}) {
            mvc.perform(get("/api/complaints/" + caseNumber).with(as(user)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(not(containsString(customer.phone()))))
                    .andExpect(content().string(not(containsString(customer.name()))));
        }
    }

    @Test
    void revealingTheContactShowsItInFullToWhoeverMayReadTheComplaint() throws Exception {
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();
        String caseNumber = scenarios.file(customer.complaint());

        mvc.perform(get("/api/complaints/" + caseNumber + "/contact").with(as("logistics")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(customer.name()))
                .andExpect(jsonPath("$.phone").value(customer.phone()));
        // another department: the complaint does not exist for it
        mvc.perform(get("/api/complaints/" + caseNumber + "/contact").with(as("billing")))
                .andExpect(status().isNotFound());
    }
}
