package io.complaintflow.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.security.*} (docs/security.md); the engine REST API's body limit is web/EngineRestProperties.
 *
 * @param maxBody        largest JSON body on {@code /api}
 * @param maxUpload      largest upload on {@code /api} (the CSV import)
 * @param maxPublicBody  largest body an anonymous {@code /public} client may send
 * @param trustedProxies the load balancers in front (IP addresses, CIDR ranges, host names): the client is the
 *                       right-most {@code X-Forwarded-For} address not added by one of them; empty: the header is
 *                       ignored and the connection's peer is the client
 * @param loginStampInterval how long a node answers HTTP Basic with credentials it has seen succeed without reading
 *                       the user's identity stamp again ({@link BasicLogins}); a change of the account made on another
 *                       node reaches this one within it. 0: the stamp is read on every request
 */
@Validated
@ConfigurationProperties("complaintflow.security")
public record SecurityProperties(@DefaultValue("64KB") @Positive DataSize maxBody,
                                 @DefaultValue("10MB") @Positive DataSize maxUpload,
                                 @DefaultValue("32KB") @Positive DataSize maxPublicBody,
                                 @DefaultValue @NotNull List<String> trustedProxies,
                                 @DefaultValue("10s") @NotNull Duration loginStampInterval) {
}
