package io.complaintflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingConverterTest {

    @Test
    void phonesAndMailAddressesNeverReachTheLogWhole() {
        assertThat(MaskingConverter.mask("客户 13812345678 来电，邮箱 lisi@example.com，工单 CMP-20261122-000001"))
                .isEqualTo("客户 138****5678 来电，邮箱 l***@example.com，工单 CMP-20261122-000001");
        assertThat(MaskingConverter.mask("金额 123456789012 元")).as("not a mobile number").contains("123456789012");
    }

    @Test
    void everyFormIntakeAcceptsIsMaskedPlus86DashesSpacesLandlinesAndInternationalisedAddresses() {
        assertThat(MaskingConverter.mask("来电 +86 139-1234-5678")).isEqualTo("来电 139****5678");
        assertThat(MaskingConverter.mask("来电+8613912345678，回拨")).isEqualTo("来电139****5678，回拨");
        assertThat(MaskingConverter.mask("0086 139 1234 5678")).isEqualTo("139****5678");
        assertThat(MaskingConverter.mask("phone=139-1234-5678;")).isEqualTo("phone=139****5678;");
        assertThat(MaskingConverter.mask("手机 139 1234 5678 联系")).isEqualTo("手机 139****5678 联系");
        assertThat(MaskingConverter.mask("座机 010-12345678")).isEqualTo("座机 010****5678");
        assertThat(MaskingConverter.mask("座机 (0755) 1234 5678")).isEqualTo("座机 075****5678");
        assertThat(MaskingConverter.mask("座机 021 5555 1234 转 8")).doesNotContain("5555");
        assertThat(MaskingConverter.mask("+86 10 8888 1234")).doesNotContain("8888");
        assertThat(MaskingConverter.mask("邮箱 张三@例子.中国 与 li.si@mail.example.com.cn"))
                .isEqualTo("邮箱 张***@例子.中国 与 l***@mail.example.com.cn");
        assertThat(MaskingConverter.mask("user@xn--fsqu00a.xn--fiqs8s")).isEqualTo("u***@xn--fsqu00a.xn--fiqs8s");
        // identifiers in logs stay readable
        String ids = "CMP-20261122-000001 instance 3f0b7a2e-0123-4567-8901-abcdef012345 at 2026-12-03T11:28:52.327Z";
        assertThat(MaskingConverter.mask(ids)).isEqualTo(ids);
    }
}
