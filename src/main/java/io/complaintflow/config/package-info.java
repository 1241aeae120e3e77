/**
 * What the settings records of every feature share: {@code @Positive} and {@code @PositiveOrZero} (jakarta.validation)
 * also for {@link java.time.Duration}, {@link java.time.Period} and {@link org.springframework.util.unit.DataSize}.
 * Hibernate Validator finds these validators through {@code META-INF/services/jakarta.validation.ConstraintValidator};
 * without them such a constraint fails every start-up ("no validator could be found"), never silently.
 * The records themselves live in their feature packages and are found by {@code @ConfigurationPropertiesScan};
 * docs/configuration.md lists every one of their properties (ConfigurationDocumentedTest).
 */
package io.complaintflow.config;
