package io.complaintflow.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** complaint-grading and complaint-routing, rule by rule, as process owners keep them in processes/. */
class DecisionTablesTest {

    private static DmnEngine dmn;
    private static DmnDecision grading;
    private static DmnDecision routing;
    private static DmnDecision sla;
    private static DmnDecision authority;

    @BeforeAll
    static void parse() throws Exception {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        grading = parse("complaint-grading");
        routing = parse("complaint-routing");
        sla = parse("complaint-sla");
        authority = parse("compensation-authority");
    }

    private static DmnDecision parse(String key) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("processes", key + ".dmn"))) {
            return dmn.parseDecision(key, in);
        }
    }

    @ParameterizedTest(name = "[{index}] {7}: {0}/{1}/{2}, repeat {3}, vip {4}, amount {5} → {8}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            hotline   | null  | product-quality | 0 | false | null    | 再不处理就找记者曝光         | 危机信号词          | G4 | true
            web       | null  | billing         | 0 | false | null    | 我要去法院起诉你们            | 危机信号词（起诉）  | G4 | true
            regulator | 12315 | billing         | 0 | false | null    | 已向媒体反映                 | 危机信号优先于监管  | G4 | true
            media     | null  | delivery        | 0 | false | null    | 快递慢                      | 媒体渠道            | G4 | true
            regulator | nfra  | billing         | 0 | false | null    | 理财产品收费不透明           | 监管转办            | G3 | true
            app       | null  | safety          | 0 | false | null    | 插头发烫                    | 安全问题            | G3 | true
            hotline   | null  | product-quality | 0 | false | null    | 多名消费者使用后受伤         | 重大信号词          | G3 | true
            hotline   | null  | delivery        | 1 | false | null    | 快递又没到                  | 重复投诉            | G2 | true
            wechat    | null  | billing         | 0 | true  | null    | 多扣费                      | VIP                | G2 | true
            web       | null  | after-sales     | 0 | false | 5000.01 | 要求赔偿                    | 高额索赔            | G2 | true
            web       | null  | after-sales     | 0 | false | 5000    | 要求赔偿                    | 5000 元整不算高额   | G1 | false
            hotline   | null  | null            | 0 | false | null    | 说不清楚                    | 类别不明            | G1 | true
            hotline   | null  | other           | 0 | false | null    | 其他问题                    | 其他类别            | G1 | true
            store     | null  | service-attitude| 0 | false | null    | 店员态度差                  | 一般投诉            | G1 | false
            """)
    void gradingRules(String channel, String regulator, String category, int repeatCount, boolean vip, Double amount,
                      String text, String rule, String grade, boolean reviewRequired) {
        assertGrade(channel, regulator, category, repeatCount, vip, amount, text, null, "none", rule, grade,
                reviewRequired);
    }

    /**
     * The table reads the complaint's text masked (triage/DecisionInputsListener: its history keeps the input): the
     * signal words decide as before, whatever phone, e-mail, card number or address the customer typed around them.
     */
    @ParameterizedTest(name = "[{index}] {1}: {0} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            我是王先生，电话 13912345678，再不处理就找记者曝光           | 危机信号词与手机号       | G4
            邮箱 wang.xiansheng@example.com，律师函已经寄出             | 危机信号词与邮箱         | G4
            要上3·15晚会！座机 010-87654321                            | 3·15 与座机号            | G4
            寄到北京市朝阳区建国路88号，孩子用了以后受伤               | 重大信号词与地址         | G3
            退款打到卡 6222 0212 3456 7890 128，多名消费者都遇到了     | 重大信号词与银行卡号     | G3
            包裹没到，电话 +86 139-1234-5678                           | 无信号词                 | G1
            """)
    void signalWordsDecideInTheMaskedText(String text, String rule, String grade) {
        String masked = io.complaintflow.privacy.PersonalText.mask(text);
        assertThat(masked).as("the catalogue hid something").isNotEqualTo(text);
        assertGrade("hotline", null, "delivery", 0, false, null, masked, null, "none", rule, grade, !"G1".equals(grade));
        assertGrade("hotline", null, "delivery", 0, false, null, text, null, "none", rule + "（原文）", grade,
                !"G1".equals(grade));
    }

    /** The sensitive-word topic (from the owners' word list) outranks the mild category the agent chose. */
    @ParameterizedTest(name = "[{index}] {4}: {0}/{1}, topic {3} → {5}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            hotline   | service-attitude | 0 | media     | 媒体 → 危机                    | G4
            web       | delivery         | 0 | lawsuit   | 诉讼 → 危机                    | G4
            wechat    | billing          | 0 | mass      | 群体事件 → 危机                 | G4
            store     | service-attitude | 0 | safety    | 安全 → 重大                    | G3
            app       | delivery         | 0 | regulator | 向监管投诉 → 重大               | G3
            hotline   | delivery         | 2 | regulator | 监管词优先于重复投诉             | G3
            media     | delivery         | 0 | safety    | 媒体渠道仍是危机                 | G4
            store     | service-attitude | 0 | none      | 无敏感词：一般                  | G1
            store     | service-attitude | 0 | null      | 未提供主题：一般                 | G1
            """)
    void sensitiveTopicRules(String channel, String category, int repeatCount, String topic, String rule,
                             String grade) {
        assertGrade(channel, null, category, repeatCount, false, null, "普通的投诉内容", null, topic, rule, grade,
                !"G1".equals(grade));
    }

    @ParameterizedTest(name = "[{index}] {4}: incident of {3} → {5}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            hotline   | null  | product-quality | 5    | 群体投诉                      | G3
            hotline   | null  | product-quality | 19   | 群体投诉（不足 20 件）         | G3
            hotline   | null  | product-quality | 20   | 群体事件（20 件）              | G4
            regulator | 12315 | product-quality | 25   | 群体事件优先于监管转办          | G4
            wechat    | null  | billing         | 1    | 群体投诉优先于 VIP             | G3
            app       | null  | safety          | 3    | 安全问题与群体投诉同为重大       | G3
            """)
    void massIncidentRules(String channel, String regulator, String category, int size, String rule, String grade) {
        assertGrade(channel, regulator, category, 0, true, null, "同一批次产品故障", size, "none", rule, grade, true);
    }

    /**
     * Issue #24: a complaint nobody categorised (none, empty or "other") never takes the routine shortcut — over
     * every combination of the other inputs; and only a categorised complaint ever skips the review.
     */
    @Test
    void anUncategorisedComplaintIsAlwaysReviewed() {
        String[] channels = {"hotline", "wechat", "web", "email", "app", "store", "internal", "regulator", "media"};
        String[] categories = {null, "", "other", "billing", "safety"};
        String[] topics = {null, "none", "safety", "regulator", "media"};
        int combinations = 0;
        for (String channel : channels) {
            for (String category : categories) {
                for (String topic : topics) {
                    for (int repeat : new int[] {0, 2}) {
                        for (boolean vip : new boolean[] {false, true}) {
                            for (Double amount : new Double[] {null, 100.0, 9000.0}) {
                                for (Integer incident : new Integer[] {null, 3, 25}) {
                                    VariableMap input = Variables.createVariables().putValue("channel", channel)
                                            .putValue("regulator", "regulator".equals(channel) ? "12315" : null)
                                            .putValue("category", category).putValue("repeatCount", repeat)
                                            .putValue("vip", vip).putValue("amountClaimed", amount)
                                            .putValue("complaintText", "说不清楚的问题")
                                            .putValue("massIncidentSize", incident).putValue("sensitiveTopic", topic);
                                    var result = dmn.evaluateDecision(grading, input).getSingleResult();
                                    boolean uncategorised = category == null || category.isEmpty()
                                            || "other".equals(category);
                                    String what = channel + "/" + category + "/" + topic + "/" + repeat + "/" + vip
                                            + "/" + amount + "/" + incident;
                                    assertThat(result).as(what).isNotNull();
                                    if (uncategorised) {
                                        assertThat(result.<Boolean>getEntry("reviewRequired")).as(what).isTrue();
                                    }
                                    if (!result.<Boolean>getEntry("reviewRequired")) {
                                        assertThat(result.<String>getEntry("grade")).as(what).isEqualTo("G1");
                                        assertThat(uncategorised).as(what).isFalse();
                                    }
                                    combinations++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(combinations).isEqualTo(9 * 5 * 5 * 2 * 2 * 3 * 3);
    }

    private void assertGrade(String channel, String regulator, String category, int repeatCount, boolean vip,
                             Double amount, String text, Integer massIncidentSize, String sensitiveTopic,
                             String rule, String grade,
                             boolean reviewRequired) {
        VariableMap input = Variables.createVariables().putValue("channel", channel).putValue("regulator", regulator)
                .putValue("category", category).putValue("repeatCount", repeatCount).putValue("vip", vip)
                .putValue("amountClaimed", amount).putValue("complaintText", text)
                .putValue("massIncidentSize", massIncidentSize).putValue("sensitiveTopic", sensitiveTopic);
        DmnDecisionResult result = dmn.evaluateDecision(grading, input);

        assertThat(result.getSingleResult().<String>getEntry("grade")).as(rule).isEqualTo(grade);
        assertThat(result.getSingleResult().<Boolean>getEntry("reviewRequired")).as(rule).isEqualTo(reviewRequired);
        assertThat(result.getSingleResult().<String>getEntry("reason")).as(rule).isNotBlank();
    }

    @ParameterizedTest(name = "[{index}] {0} ({1}, {2}) → {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            product-quality  | G1 | hotline   | quality*
            after-sales      | G1 | hotline   | after-sales*
            billing          | G2 | wechat    | billing*
            delivery         | G1 | web       | logistics*
            service-attitude | G1 | store     | after-sales*
            contract         | G1 | web       | legal*,sales
            marketing        | G1 | app       | sales*,legal
            privacy          | G2 | app       | tech*,legal
            safety           | G3 | app       | quality*,legal
            other            | G1 | hotline   | after-sales*
            null             | G1 | hotline   | after-sales*
            product-quality  | G4 | app       | quality*,pr
            billing          | G3 | regulator | billing*,legal
            safety           | G4 | regulator | quality*,legal,pr
            """)
    void routingRules(String category, String grade, String channel, String expected) {
        VariableMap input = Variables.createVariables().putValue("category", category).putValue("channel", channel)
                .putValue("gradingResult", Map.of("grade", grade));
        List<String> departments = new ArrayList<>();
        for (Map<String, Object> row : dmn.evaluateDecision(routing, input).getResultList()) {
            departments.add(row.get("department") + (Boolean.TRUE.equals(row.get("lead")) ? "*" : ""));
        }
        // several rules may name the same co-department (safety and regulator both add legal); triage keeps one
        assertThat(departments.stream().distinct()).containsExactlyInAnyOrder(expected.split(","));
    }

    @Test
    void everyRoutingResultHasExactlyOneLead() {
        for (String category : List.of("product-quality", "after-sales", "billing", "delivery", "service-attitude",
                "contract", "marketing", "privacy", "safety", "other")) {
            VariableMap input = Variables.createVariables().putValue("category", category)
                    .putValue("channel", "regulator").putValue("gradingResult", Map.of("grade", "G4"));
            long leads = dmn.evaluateDecision(routing, input).getResultList().stream()
                    .filter(row -> Boolean.TRUE.equals(row.get("lead"))).count();
            assertThat(leads).as(category).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}/{1}/{2}/{3} → {4}, {5}, {6}, {7}, {8}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            G4 | media     | null                 | none | elapsed:PT30M | elapsed:PT12H | elapsed:P1D | null     | P1D
            G4 | regulator | 12315                | none | elapsed:PT30M | elapsed:PT12H | elapsed:P1D | P10D     | P1D
            G4 | regulator | consumer-association | none | elapsed:PT30M | elapsed:PT12H | elapsed:P1D | P10D     | P1D
            G4 | regulator | nfra                 | none | elapsed:PT30M | elapsed:PT12H | elapsed:P1D | cal:P15D | P1D
            G3 | regulator | 12315                | none | PT2H          | P3D           | P10D        | P10D     | P3D
            G3 | regulator | nfra                 | none | PT2H          | P5D           | cal:P15D    | cal:P15D | P3D
            G3 | regulator | miit                 | peak | PT2H          | P5D           | cal:P15D    | cal:P15D | P3D
            G3 | regulator | other                | none | PT2H          | P3D           | P10D        | P10D     | P3D
            G3 | app       | null                 | none | PT1H          | P2D           | P5D         | null     | P3D
            G2 | wechat    | null                 | peak | PT1H          | P2D           | P3D         | null     | P3D
            G2 | wechat    | null                 | none | PT2H          | P2D           | P3D         | null     | P3D
            G1 | hotline   | null                 | peak | PT2H          | P3D           | P5D         | null     | P3D
            G1 | hotline   | null                 | none | PT4H          | P3D           | P5D         | null     | P3D
            """)
    void slaRules(String grade, String channel, String regulator, String phase, String firstResponse,
                  String department, String resolution, String regulatorReply, String callbackWait) {
        VariableMap input = Variables.createVariables().putValue("grade", grade).putValue("channel", channel)
                .putValue("regulator", regulator).putValue("campaignPhase", phase);
        var row = dmn.evaluateDecision(sla, input).getSingleResult();

        assertThat((String) row.getEntryMap().get("firstResponse")).isEqualTo(firstResponse);
        assertThat((String) row.getEntryMap().get("departmentHandling")).isEqualTo(department);
        assertThat((String) row.getEntryMap().get("resolution")).isEqualTo(resolution);
        assertThat((String) row.getEntryMap().get("regulatorReply")).isEqualTo(regulatorReply);
        assertThat((String) row.getEntryMap().get("callbackWait")).isEqualTo(callbackWait);
        for (String spec : new String[] {firstResponse, department, resolution, callbackWait}) {
            assertThat(io.complaintflow.sla.DeadlineDuration.parse(spec).spec()).isEqualTo(spec);
        }
    }

    @ParameterizedTest(name = "[{index}] {0} yuan → {1}")
    @CsvSource(nullValues = "null", textBlock = """
            null,    null
            0,       null
            200,     null
            200.01,  complaint-center-lead
            2000,    complaint-center-lead
            2000.01, complaint-managers
            50000,   complaint-managers
            """)
    void authorityRules(Double compensation, String approverGroup) {
        var row = dmn.evaluateDecision(authority, Variables.createVariables().putValue("compensation", compensation))
                .getSingleResult();
        assertThat((String) row.getEntryMap().get("approverGroup")).isEqualTo(approverGroup);
        assertThat((String) row.getEntryMap().get("authority")).isNotBlank();
    }
}
