package io.complaintflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.complaint.ZoneProperties;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WebappSettingsControllerTest {

    @Test
    void theOperatorsZoneAndBannerLineReachTheWebappsAsAModule() throws Exception {
        var controller = new WebappSettingsController(new ZoneProperties(ZoneId.of("Europe/Berlin")),
                new WebappProperties("  系统维护：今晚 22:00 起 \"暂停\" 30 分钟 "), new ObjectMapper());

        assertThat(controller.settings().getBody()).isEqualTo(
                "export default {\"zone\":\"Europe/Berlin\",\"banner\":\"系统维护：今晚 22:00 起 \\\"暂停\\\" 30 分钟\"};\n");
        assertThat(controller.settings().getHeaders().getCacheControl()).isEqualTo("no-cache");
    }
}
