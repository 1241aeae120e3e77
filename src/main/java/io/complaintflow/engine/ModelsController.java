package io.complaintflow.engine;

import java.util.Map;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets process owners publish what they saved in Modeler without restarting the application. */
@RestController
@RequestMapping("/api/models")
public class ModelsController {

    private final FileSystemDeployer deployer;

    public ModelsController(FileSystemDeployer deployer) {
        this.deployer = deployer;
    }

    @PostMapping("/redeploy")
    public Map<String, Object> redeploy() {
        DeploymentWithDefinitions deployment = deployer.deploy();
        int processes = deployment.getDeployedProcessDefinitions() == null ? 0
                : deployment.getDeployedProcessDefinitions().size();
        int decisions = deployment.getDeployedDecisionDefinitions() == null ? 0
                : deployment.getDeployedDecisionDefinitions().size();
        return Map.of("deploymentId", deployment.getId(), "changed", processes + decisions > 0,
                "processDefinitions", processes, "decisionDefinitions", decisions,
                "resources", deployer.resources().keySet());
    }
}
