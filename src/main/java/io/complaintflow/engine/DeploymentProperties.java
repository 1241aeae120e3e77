package io.complaintflow.engine;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code complaintflow.deployment.*}: where {@link FileSystemDeployer} reads the models from.
 *
 * @param processesDir the BPMN and DMN folder, relative to the working directory
 * @param formsDir     the Camunda Forms folder, relative to the working directory
 * @param name         the engine deployment's name
 */
@Validated
@ConfigurationProperties("complaintflow.deployment")
public record DeploymentProperties(@DefaultValue("processes") @NotNull Path processesDir,
                                   @DefaultValue("forms") @NotNull Path formsDir,
                                   @DefaultValue("complaintflow") @NotBlank String name) {
}
