package io.complaintflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.privacy.PersonalText.Kind;
import org.junit.jupiter.api.Test;

class PersonalTextTest {

    @Test
    void idCardsBankCardsAndAddressesAreHiddenToo() {
        assertThat(PersonalText.mask("身份证 11010119900307123X 已核实")).isEqualTo("身份证 1101**********123X 已核实");
        assertThat(PersonalText.mask("卡号 6222 0212 3456 7890 128 扣款")).isEqualTo("卡号 ****0128 扣款");
        assertThat(PersonalText.mask("寄到广东省深圳市南山区科技园南路1号3栋201室，谢谢"))
                .isEqualTo("寄到广东省深圳市南山区[地址已隐藏]，谢谢");
        assertThat(PersonalText.mask("住在幸福村12号")).doesNotContain("12号");
    }

    @Test
    void numbersThatAreNotCardsStayReadable() {
        assertThat(PersonalText.mask("订单号 6222021234567890126 未到")).as("fails the Luhn check")
                .contains("6222021234567890126");
        assertThat(PersonalText.mask("金额 3999.00 元，共 2 件")).isEqualTo("金额 3999.00 元，共 2 件");
        assertThat(PersonalText.mask("第3号窗口")).isEqualTo("第3号窗口");
    }

    @Test
    void findNamesWhatTheTextHolds() {
        assertThat(PersonalText.find("电话 13912345678，邮箱 a@b.cn").stream().map(PersonalText.Found::kind))
                .containsExactly(Kind.MOBILE, Kind.EMAIL);
    }
}
