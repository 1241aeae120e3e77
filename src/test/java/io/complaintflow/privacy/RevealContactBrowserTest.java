package io.complaintflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.Browser;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TasklistPage;
import io.complaintflow.TestScenarios;
import io.complaintflow.security.DemoUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A department handler in Tasklist's 案卷 tab sees the customer masked; to call them, they click 显示联系方式 — the
 * explicit action that reads {@code /api/complaints/{n}/contact} — and the tab shows name, phone and e-mail, with one
 * REVEAL row in the access log for that click (docs/privacy.md, "Who sees what").
 */
@ComplaintFlowTest
class RevealContactBrowserTest {

    @LocalServerPort int port;
    @Autowired TestScenarios scenarios;
    @Autowired JdbcClient jdbc;

    @Test
    void aDepartmentHandlerRevealsTheContactDetailsWithOneLoggedClick() throws Exception {
        scenarios.person("test-admin", "admin-secret", "camunda-admin"); // without an admin the webapps show their setup page
        PrivacyScenarios customer = PrivacyScenarios.newCustomer();
        String caseNumber = customer.fileFor(scenarios); // a delivery complaint, logistics' task
        String phone = customer.phone();
        String name = customer.name();
        String email = customer.email();

        try (Browser browser = Browser.open(port)) {
            browser.login("tasklist", "logistics", DemoUsers.PASSWORD);
            TasklistPage tasklist = new TasklistPage(browser).openFilter("本部门待办").searchCase(caseNumber);
            tasklist.openTaskOf(caseNumber).openTab("案卷");
            String masked = tasklist.caseFileField("customer");
            assertThat(masked).contains(phone.substring(0, 3) + "****" + phone.substring(7), "显示联系方式")
                    .doesNotContain(phone, name, email);
            assertThat(reveals(caseNumber)).as("reading the case file reveals nothing").isZero();
            browser.screenshot("tasklist-case-file-masked");

            String revealed = tasklist.revealContact();
            assertThat(revealed).contains(name, phone, email, "已显示");
            assertThat(reveals(caseNumber)).as("one REVEAL row for the click").isEqualTo(1);
            browser.screenshot("tasklist-case-file-revealed");
        }
    }

    private long reveals(String caseNumber) {
        return jdbc.sql("select count(*) from privacy_access_log where case_number = ? and user_id = 'logistics'"
                + " and door = 'REVEAL'").param(caseNumber).query(Long.class).single();
    }
}
