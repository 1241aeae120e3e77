package io.complaintflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.security.Masking;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@ComplaintFlowTest
class PublicComplaintTest {

    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired TestScenarios scenarios;

    /** Every test comes from its own client address, so the rate limits of one test do not touch another. */
    private static String address() {
        return "203.0.113." + ADDRESS.incrementAndGet();
    }

    private static MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request, String address) {
        return request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
    }

    private String file(String address, String name, String phone, String description) throws Exception {
        String body = json.writeValueAsString(new PublicComplaintRequest(name, phone, null, "delivery",
                TestScenarios.uniqueProduct(), "快递丢件", description));
        String response = mvc.perform(from(post("/public/complaints"), address)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.message").exists())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(response).get("caseNumber").asText();
    }

    @Test
    void aCustomerFilesOnTheWebAndFollowsTheCaseWithPersonalDataMasked() throws Exception {
        String address = address();
        String phone = "138" + TestScenarios.uniquePhone().substring(3);
        String caseNumber = file(address, "张三", phone, "包裹显示签收但我没收到<script>alert(1)</script>");

        Complaint stored = scenarios.complaint(caseNumber);
        assertThat(stored.channel()).isEqualTo("web");
        assertThat(stored.customer().phone()).isEqualTo(phone);

        String formatted = phone.substring(0, 3) + "-" + phone.substring(3, 7) + " " + phone.substring(7);
        mvc.perform(from(get("/public/complaints/" + caseNumber).param("phone", formatted), address))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.progress[0].text").value("已受理您的投诉"))
                .andExpect(jsonPath("$.expectedBy").doesNotExist()); // until the intake job has set the deadlines
        scenarios.runIntakeJobs(caseNumber);
        mvc.perform(from(get("/public/complaints/" + caseNumber).param("phone", formatted), address))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.caseNumber").value(caseNumber))
                .andExpect(jsonPath("$.name").value("张*"))
                .andExpect(jsonPath("$.phone").value("138****" + phone.substring(7)))
                .andExpect(jsonPath("$.statusLabel").value("处理中"))
                .andExpect(jsonPath("$.progress[0].text").value("已受理您的投诉"))
                .andExpect(jsonPath("$.expectedBy").exists())
                .andExpect(jsonPath("$.description").doesNotExist())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(phone))))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("script"))));
    }

    @Test
    void aWrongPhoneGetsTheSame404AsAnUnknownCase() throws Exception {
        String address = address();
        String phone = TestScenarios.uniquePhone();
        String caseNumber = file(address, "李四", phone, "账单有误");

        String wrongPhone = mvc.perform(from(get("/public/complaints/" + caseNumber).param("phone", "13800000000"),
                        address))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String unknown = mvc.perform(from(get("/public/complaints/CMP-20000101-999999").param("phone", phone),
                        address))
                .andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String noPhone = mvc.perform(from(get("/public/complaints/" + caseNumber), address))
                .andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(wrongPhone).isEqualTo(unknown).isEqualTo(noPhone).doesNotContain(caseNumber);
    }

    @Test
    void badInputIsRejectedFieldByFieldAndOversizedBodiesWith413() throws Exception {
        String address = address();
        mvc.perform(from(post("/public/complaints"), address).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\",\"email\":\"not-mail\",\"category\":\"nope\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItems("phone", "name", "email",
                        "category", "description")));
        String huge = "{\"name\":\"王五\",\"phone\":\"13900000000\",\"description\":\"" + "很长".repeat(20_000) + "\"}";
        mvc.perform(from(post("/public/complaints"), address).contentType(MediaType.APPLICATION_JSON).content(huge))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(from(post("/public/survey/some-token"), address).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("comment=" + "x".repeat(40_000)))
                .andExpect(status().isPayloadTooLarge());
    }

    @Test
    void filingAndLookingUpAreRateLimitedPerClientAddress() throws Exception {
        String address = address();
        for (int i = 0; i < 5; i++) {
            file(address, "赵六", TestScenarios.uniquePhone(), "第 " + i + " 次");
        }
        String body = json.writeValueAsString(new PublicComplaintRequest("赵六", TestScenarios.uniquePhone(), null,
                null, null, null, "第六次"));
        mvc.perform(from(post("/public/complaints"), address).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("请求过于频繁"));
        file(address(), "赵六", TestScenarios.uniquePhone(), "另一个地址不受影响");

        String lookups = address();
        for (int i = 0; i < 30; i++) {
            mvc.perform(from(get("/public/complaints/CMP-20000101-00000" + (i % 10)).param("phone", "1"), lookups))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(from(get("/public/complaints/CMP-20000101-000001").param("phone", "1"), lookups))
                .andExpect(status().isTooManyRequests());
    }

    @Test
    void thePublicPagesAreServed() throws Exception {
        mvc.perform(get("/public/")).andExpect(forwardedUrl("/public/index.html"));
        for (String page : new String[] {"/public/index.html", "/public/status.html"}) {
            assertThat(mvc.perform(get(page)).andExpect(status().isOk()).andReturn().getResponse()
                    .getContentAsString(StandardCharsets.UTF_8)).as(page + ": no inline script (CSP script-src 'self')")
                    .contains("<script src=\"/public/").doesNotContain("<script>");
        }
        assertThat(mvc.perform(get("/public/complaint.js")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("textContent").doesNotContain("innerHTML");
        assertThat(mvc.perform(get("/public/status.js")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("textContent").doesNotContain("innerHTML");
    }

    @Test
    void masking() {
        assertThat(Masking.name("张三")).isEqualTo("张*");
        assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Masking.phone("13812341234")).isEqualTo("138****1234");
        assertThat(Masking.phone("+86 138 1234 1234")).isEqualTo("861****1234");
        assertThat(Masking.phone("12345")).isEqualTo("****45");
    }
}
