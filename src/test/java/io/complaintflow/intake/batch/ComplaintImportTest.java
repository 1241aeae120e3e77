package io.complaintflow.intake.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.ComplaintFlowTest;
import io.complaintflow.TestScenarios;
import io.complaintflow.complaint.Complaint;
import io.complaintflow.sla.Deadline;
import io.complaintflow.sla.DeadlineService;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ComplaintFlowTest
class ComplaintImportTest {

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired TestScenarios scenarios;
    @Autowired DeadlineService deadlines;

    /** Earlier than the reply time of complaint-sla, so the regulator's own date is the reply deadline. */
    private static final java.time.LocalDate SOON = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
            .plusDays(2);

    /** A 12315 export with Chinese headers: two good rows and one with three problems. */
    private static String batch(String tag) {
        return "监管编号,监管机构,办结期限,投诉人,联系电话,投诉类别,产品,投诉内容,涉及金额\n"
                + "12315-" + tag + "-1,12315," + SOON + ",王先生," + TestScenarios.uniquePhone()
                + ",product-quality," + TestScenarios.uniqueProduct() + ",\"机器异响，要求退货\n（第二行说明）\",199\n"
                + "12315-" + tag + "-2,12315,2026-12-20T18:00:00+08:00,李女士," + TestScenarios.uniquePhone()
                + ",billing," + TestScenarios.uniqueProduct() + ",\"多扣费 \"\"套餐\"\" 费用\",\n"
                + "12315-" + tag + "-3,12315,2026-12-31,," + TestScenarios.uniquePhone()
                + ",unknown-category,净化器,描述,abc\n";
    }

    @Test
    void goodRowsAreAcceptedWithTheRegulatorsDeadlineBadRowsReportedAndAReImportCreatesNothing() throws Exception {
        String tag = "IMP" + TestScenarios.uniquePhone();
        byte[] file = batch(tag).getBytes(StandardCharsets.UTF_8);
        long before = count();

        JsonNode first = report(upload(file).andExpect(status().isOk()));

        assertThat(first.get("encoding").asText()).isEqualTo("UTF-8");
        assertThat(first.get("rows").asInt()).isEqualTo(3);
        assertThat(first.get("created").asInt()).isEqualTo(2);
        assertThat(first.get("rejected").asInt()).isEqualTo(1);
        assertThat(count()).isEqualTo(before + 2);
        JsonNode rows = first.get("results");
        assertThat(rows.get(0).get("row").asInt()).isEqualTo(2);
        assertThat(rows.get(1).get("row").asInt()).as("a quoted line break keeps the row's own line number")
                .isEqualTo(4);
        JsonNode bad = rows.get(2);
        assertThat(bad.get("row").asInt()).isEqualTo(5);
        assertThat(bad.get("status").asText()).isEqualTo("rejected");
        assertThat(bad.get("errors").findValuesAsText("field")).contains("投诉人", "投诉类别", "涉及金额");

        Complaint accepted = scenarios.complaint(rows.get(0).get("caseNumber").asText());
        assertThat(accepted.channel()).isEqualTo("regulator");
        assertThat(accepted.regulator()).isEqualTo("12315");
        assertThat(accepted.description()).isEqualTo("机器异响，要求退货\n（第二行说明）");
        Instant endOfSoon = SOON.atTime(23, 59, 59).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
        assertThat(accepted.regulatorDeadline()).isEqualTo(endOfSoon);
        scenarios.runIntakeJobs(accepted.caseNumber());
        assertThat(deadlines.find(accepted.caseNumber(), Deadline.REGULATOR_REPLY).orElseThrow().targetAt())
                .isEqualTo(endOfSoon);
        assertThat(scenarios.complaint(rows.get(1).get("caseNumber").asText()).description())
                .isEqualTo("多扣费 \"套餐\" 费用");

        JsonNode again = report(upload(file).andExpect(status().isOk()));
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("existing").asInt()).isEqualTo(2);
        assertThat(again.get("results").get(0).get("caseNumber").asText())
                .isEqualTo(rows.get(0).get("caseNumber").asText());
        assertThat(count()).isEqualTo(before + 2);
    }

    @Test
    void gbkAndUtf8WithBomAreDetected() throws Exception {
        JsonNode gbk = report(upload(batch("GBK" + TestScenarios.uniquePhone()).getBytes(Charset.forName("GBK")))
                .andExpect(status().isOk()));
        assertThat(gbk.get("encoding").asText()).isEqualTo("GBK");
        assertThat(gbk.get("created").asInt()).isEqualTo(2);
        assertThat(scenarios.complaint(gbk.get("results").get(0).get("caseNumber").asText()).customer().name())
                .isEqualTo("王先生");

        byte[] utf8 = batch("BOM" + TestScenarios.uniquePhone()).getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        JsonNode bom = report(upload(withBom).andExpect(status().isOk()));
        assertThat(bom.get("encoding").asText()).isEqualTo("UTF-8 (BOM)");
        assertThat(bom.get("created").asInt()).isEqualTo(2);
    }

    @Test
    void englishHeadersAndOtherChannelsWork() throws Exception {
        String csv = "channel,externalRef,customerName,customerPhone,category,description\n"
                + "store,STORE-" + TestScenarios.uniquePhone() + ",赵女士," + TestScenarios.uniquePhone()
                + ",after-sales,门店登记的投诉\n"
                + "store,," + "钱先生," + TestScenarios.uniquePhone() + ",after-sales,没有编号的行\n";
        JsonNode result = report(upload(csv.getBytes(StandardCharsets.UTF_8)).andExpect(status().isOk()));
        assertThat(result.get("created").asInt()).isEqualTo(1);
        assertThat(result.get("results").get(1).get("errors").findValuesAsText("field"))
                .as("a row without its reference could not be recognised on a second import").contains("externalRef");
        assertThat(scenarios.complaint(result.get("results").get(0).get("caseNumber").asText()).channel())
                .isEqualTo("store");
    }

    @Test
    void malformedFilesAreRejectedAsAWholeAndStoreNothing() throws Exception {
        long before = count();
        upload(new byte[0]).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        upload("投诉人,投诉内容\n王先生,\"引号没有结束\n".getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("CSV 格式不正确：引号未闭合"));
        upload("a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8)).andExpect(status().isBadRequest());
        upload(new byte[] {(byte) 0x81, (byte) 0x20, (byte) 0xFF, (byte) 0xFE}).andExpect(status().isBadRequest());
        mvc.perform(multipart("/api/complaints/import")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        String tooWide = "投诉人,联系电话,投诉内容\n王先生," + TestScenarios.uniquePhone() + ",没有加引号,的逗号\n";
        JsonNode wide = report(upload(tooWide.getBytes(StandardCharsets.UTF_8)).andExpect(status().isOk()));
        assertThat(wide.get("results").get(0).get("errors").findValuesAsText("field")).contains("row");
        assertThat(count()).isEqualTo(before);
    }

    private ResultActions upload(byte[] content) throws Exception {
        return mvc.perform(multipart("/api/complaints/import")
                .file(new MockMultipartFile("file", "batch.csv", "text/csv", content)));
    }

    private JsonNode report(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private long count() {
        return jdbc.sql("select count(*) from complaint").query(Long.class).single();
    }
}
