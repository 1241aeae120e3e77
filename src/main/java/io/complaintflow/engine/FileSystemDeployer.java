package io.complaintflow.engine;

import io.complaintflow.modelpolicy.ModelPolicyIssues;
import io.complaintflow.modelpolicy.ModelPolicyViolation;
import io.complaintflow.modelpolicy.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/} (BPMN, DMN) and {@code forms/} (Camunda Forms) from the file system as one
 * deployment, each resource named by its path relative to its folder — so {@code camunda:formRef} with
 * binding "deployment" finds the forms deployed beside the model. The engine's duplicate filter makes a new
 * deployment only when some file changed.
 */
@Component
public class FileSystemDeployer {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemDeployer.class);
    private static final Set<String> MODEL_SUFFIXES = Set.of(".bpmn", ".dmn", ".cmmn");

    private final RepositoryService repository;
    private final ModelPolicyIssues policyIssues;
    private final Path processesDir;
    private final Path formsDir;
    private final String deploymentName;

    /** A deployer of other folders (tools, tests): refusals are thrown and logged, not listed. */
    public FileSystemDeployer(RepositoryService repository, Path processesDir, Path formsDir, String deploymentName) {
        this(repository, null, new DeploymentProperties(processesDir, formsDir, deploymentName));
    }

    @org.springframework.beans.factory.annotation.Autowired
    public FileSystemDeployer(RepositoryService repository, ModelPolicyIssues policyIssues,
                              DeploymentProperties settings) {
        this.repository = repository;
        this.policyIssues = policyIssues;
        this.processesDir = settings.processesDir().toAbsolutePath().normalize();
        this.formsDir = settings.formsDir().toAbsolutePath().normalize();
        this.deploymentName = settings.name();
    }

    /** Resource name → file, models first, then forms. */
    public Map<String, Path> resources() {
        Map<String, Path> resources = new LinkedHashMap<>();
        collect(processesDir, name -> MODEL_SUFFIXES.stream().anyMatch(name::endsWith), resources);
        collect(formsDir, name -> name.endsWith(".form"), resources);
        return resources;
    }

    /** Deploys when something changed; returns the deployment, or null when all files were already deployed. */
    public DeploymentWithDefinitions deploy() {
        Map<String, Path> resources = resources();
        if (resources.isEmpty()) {
            throw new IllegalStateException("No models found in " + processesDir + " — set complaintflow.deployment.processes-dir");
        }
        DeploymentBuilder builder = repository.createDeployment()
                .name(deploymentName)
                .source("complaintflow-filesystem")
                .enableDuplicateFiltering(false);
        resources.forEach((name, file) -> builder.addInputStream(name, read(file)));
        DeploymentWithDefinitions deployment;
        try {
            deployment = builder.deployWithResult();
        } catch (ModelPolicyViolation refused) {
            // nothing was deployed: the engine keeps running the last published versions
            for (Violation v : refused.violations()) {
                LOG.error("Model refused, not published: {}", v.message());
            }
            if (policyIssues != null) {
                policyIssues.replaceWith(refused.violations(), java.time.Instant.now());
            }
            throw refused;
        }
        if (policyIssues != null) {
            policyIssues.replaceWith(List.of(), java.time.Instant.now());
        }
        boolean isNew = deployment.getDeployedProcessDefinitions() != null
                && !deployment.getDeployedProcessDefinitions().isEmpty()
                || deployment.getDeployedDecisionDefinitions() != null
                && !deployment.getDeployedDecisionDefinitions().isEmpty();
        LOG.info("{} {} resources from {} and {} (deployment {})", isNew ? "Deployed" : "Unchanged:",
                resources.size(), processesDir, formsDir, deployment.getId());
        return deployment;
    }

    private static void collect(Path root, java.util.function.Predicate<String> accept, Map<String, Path> into) {
        if (!Files.isDirectory(root)) {
            LOG.warn("Model folder {} does not exist", root);
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> sorted = files.filter(Files::isRegularFile)
                    .filter(p -> accept.test(p.getFileName().toString()))
                    .sorted().toList();
            for (Path file : sorted) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (into.putIfAbsent(name, file) != null) {
                    throw new IllegalStateException("Two resources named " + name + " in " + root);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.io.InputStream read(Path file) {
        try {
            return new java.io.ByteArrayInputStream(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
