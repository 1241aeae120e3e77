package io.complaintflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan // the settings records of every feature package (docs/configuration.md)
public class ComplaintFlowApplication {

    public static void main(String[] args) {
        SpringApplication.run(ComplaintFlowApplication.class, args);
    }
}
