package io.complaintflow.web;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What an anonymous client may hold of a node on the public doors ({@code /public/**}); docs/operations.md,
 * "Slow clients and bad input".
 *
 * @param bodyTimeout the whole request body must have arrived within this (else 408 and the connection is closed)
 * @param perClient   requests one client address may have in progress at once (the address as
 *                    {@code complaintflow.security.trusted-proxies} resolves it); more get 429
 * @param total       public requests in progress at once on this node; more get 503 with Retry-After. Keep it well
 *                    below {@code server.tomcat.threads.max}, so handlers, intake channels and the health probes
 *                    always find a thread
 */
@Validated
@ConfigurationProperties("complaintflow.public-doors")
public record PublicDoorLimits(@DefaultValue("PT10S") @Positive Duration bodyTimeout,
                               @DefaultValue("4") @Positive int perClient,
                               @DefaultValue("16") @Positive int total) {
}
