package io.complaintflow.webapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.complaintflow.complaint.ZoneProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code settings.js}, the module through which {@code app/complaintflow/webapp.js} learns the display
 * time zone and the banner line of Camunda's webapps from the application's configuration.
 */
@RestController
class WebappSettingsController {

    record WebappSettings(String zone, String banner) {
    }

    private final String module;

    WebappSettingsController(ZoneProperties zone, WebappProperties webapp, ObjectMapper json)
            throws JsonProcessingException {
        WebappSettings settings = new WebappSettings(zone.zone().getId(), webapp.banner().strip());
        module = "export default " + json.writeValueAsString(settings) + ";\n";
    }

    @GetMapping(path = "${camunda.bpm.webapp.application-path:/camunda}/app/complaintflow/settings.js",
            produces = "text/javascript;charset=UTF-8")
    ResponseEntity<String> settings() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(module);
    }
}
