package io.complaintflow.privacy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(PrivacySettings.class)
class PrivacyConfiguration {
}
