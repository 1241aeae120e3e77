package io.complaintflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingConverterTest {

    @Test
    void phonesAndMailAddressesNeverReachTheLogWhole() {
        assertThat(MaskingConverter.mask("客户 13812345678 来电，邮箱 lisi@example.com，工单 CMP-20261122-000001"))
                .isEqualTo("客户 138****5678 来电，邮箱 l***@example.com，工单 CMP-20261122-000001");
        assertThat(MaskingConverter.mask("金额 123456789012 元")).as("not a mobile number").contains("123456789012");
    }
}
