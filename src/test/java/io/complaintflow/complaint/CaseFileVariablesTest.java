package io.complaintflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaseFileVariablesTest {

    @Test
    void aTextLongerThanTheEnginesStringLimitIsCutAndSaysSo() {
        String longText = "投".repeat(5000);
        String fitted = CaseFileVariables.fit(longText);
        assertThat(fitted).hasSize(4000).endsWith("完整内容见工单详情）");
        assertThat(CaseFileVariables.fit("短")).isEqualTo("短");
    }
}
