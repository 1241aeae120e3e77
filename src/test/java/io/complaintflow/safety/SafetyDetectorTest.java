package io.complaintflow.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the detector reads a lexicon: words, patterns, rules, harmless phrases, variants, merging. */
class SafetyDetectorTest {

    private final SafetyDetector builtIn = new SafetyDetector(SafetyLexicon.builtIn());

    private static SafetyDetector of(String... lines) {
        return new SafetyDetector(SafetyLexicon.parse(List.of(lines), "test"));
    }

    @Test
    void theIssuesTwoComplaintsAreSafetyCases() {
        SafetySignal burn = builtIn.detect("燃气灶点火时突然爆燃，把我的手烧伤了");
        assertThat(burn.flagged()).isTrue();
        assertThat(burn.words()).contains("爆燃", "烧伤");
        SafetySignal swallow = builtIn.detect("儿童玩具的小零件很容易脱落，孩子差点吞下去");
        assertThat(swallow.flagged()).isTrue();
        assertThat(swallow.vulnerable()).contains("孩子");
        assertThat(swallow.summary()).contains("人身伤害").contains("涉及：").contains("孩子");
    }

    @ParameterizedTest
    @ValueSource(strings = {"烧烤店服务差，上菜慢", "火锅店排队两个小时", "孩子的会员卡退不了", "客服把我气炸了",
            "双十一爆款羽绒服跑绒", "ATM机把我的银行卡吞了", "快递被压扁了，盒子变形", "手机屏幕摔碎了"})
    void harmlessUsesOfSafetyWordsAreNotSignals(String text) {
        assertThat(builtIn.detect(text).flagged()).as(text).isFalse();
    }

    @Test
    void aRuleCombinesTwoKindsWithinItsWindowOnly() {
        SafetyDetector d = of("[harm-verb]", "夹", "[body]", "手指", "[rules]", "harm-verb + body within 4 -> harm");
        assertThat(d.detect("手指被门夹了").words()).containsExactly("手指+夹");
        assertThat(d.detect("门夹到了我的手指").words()).containsExactly("夹+手指");
        assertThat(d.detect("手指上戴的戒指被抽屉夹坏了").flagged()).as("eight characters apart").isFalse();
    }

    @Test
    void aRuleDoesNotReachAcrossTheCharactersItNames() {
        SafetyDetector d = of("[harm-verb]", "摔", "[vulnerable]", "孩子", "[rules]",
                "harm-verb + vulnerable within 8 not across 的 -> harm");
        assertThat(d.detect("孩子从床上摔下来").flagged()).isTrue();
        assertThat(d.detect("孩子的平板摔了").flagged()).as("的: the child's thing fell").isFalse();
    }

    @Test
    void harmlessPhrasesAreMaskedBeforeMatching() {
        SafetyDetector d = of("[hazard]", "火", "[exclude]", "火锅 火车");
        assertThat(d.detect("火锅店坐火车去").flagged()).isFalse();
        assertThat(d.detect("吃火锅时卡式炉起火").words()).containsExactly("火");
    }

    @Test
    void variantsFullWidthAndSpacesAreNormalizedFirst() {
        assertThat(builtIn.detect("熱水壺把手斷了，開水潑到腿上，燙起好幾個水泡").flagged()).as("traditional").isTrue();
        assertThat(builtIn.detect("吃了以后嘴巴肿，是不是过民").words()).contains("过敏");
        SafetyDetector d = of("[harm]", "icu");
        assertThat(d.detect("住进了 Ｉ Ｃ Ｕ").flagged()).as("full width, spaces, case").isTrue();
    }

    @Test
    void patternsAreSignalsOfTheirKind() {
        SafetyDetector d = of("[patterns]", "medical: (去|送)了?.{0,4}医院");
        SafetySignal s = d.detect("连夜送到市医院");
        assertThat(s.matches()).containsExactly(new SafetyMatch("medical", "送到市医院"));
        assertThat(s.summary()).isEqualTo("就医：送到市医院");
    }

    @Test
    void lexiconsMergeAndOwnersTermsCount() {
        SafetyLexicon base = SafetyLexicon.parse(List.of("[hazard]", "冒烟", "[exclude]", "烟味"), "base");
        SafetyLexicon extended = base.plusTerms(Map.of("hazard", List.of("滋滋响"), "exclude", List.of("冒烟了吧(笑)")));
        SafetyDetector d = new SafetyDetector(extended);
        assertThat(d.detect("插座滋滋响").flagged()).isTrue();
        assertThat(d.detect("客服回复慢得我都冒烟了吧(笑)").flagged()).as("an owner's exclusion is literal").isFalse();
        assertThat(new SafetyDetector(base).detect("插座滋滋响").flagged()).as("the base is unchanged").isFalse();
    }

    @Test
    void aBrokenLexiconNamesItsLine() {
        assertThatThrownBy(() -> SafetyLexicon.parse(List.of("[rules]", "harm-verb + body -> harm"), "my.txt"))
                .hasMessageContaining("my.txt line 2");
        assertThatThrownBy(() -> SafetyLexicon.parse(List.of("[patterns]", "harm: (unclosed"), "my.txt"))
                .hasMessageContaining("my.txt line 2").hasMessageContaining("regular expression");
        assertThatThrownBy(() -> SafetyLexicon.parse(List.of("[gossip]", "八卦"), "my.txt"))
                .hasMessageContaining("unknown section [gossip]");
        assertThatThrownBy(() -> SafetyLexicon.parse(List.of("冒烟"), "my.txt"))
                .hasMessageContaining("before the first [section]");
    }

    @Test
    void nothingInNothingOut() {
        assertThat(builtIn.detect(null)).isEqualTo(SafetySignal.NONE);
        assertThat(builtIn.detect("   ").flagged()).isFalse();
        assertThat(SafetySignal.NONE.summary()).isEmpty();
    }
}
