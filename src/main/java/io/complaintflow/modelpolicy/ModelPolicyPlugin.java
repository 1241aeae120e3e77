package io.complaintflow.modelpolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.stereotype.Component;

/**
 * Puts the {@link ModelPolicy} into the engine itself, so no way of deploying can pass by it (engine-rest,
 * Modeler, the processes/ folder, the redeploy endpoint, Java): a pre-deployer checks every new deployment before
 * the BPMN/DMN deployers parse it. At run time, expressions see only published beans and cannot call methods on
 * anything else ({@link ModelExpressionManager}), which also holds for versions deployed before this policy.
 */
@Component
public class ModelPolicyPlugin extends AbstractProcessEnginePlugin {

    private final ModelPolicy policy;
    private final PublishedBeans beans;

    public ModelPolicyPlugin(ModelPolicy policy, PublishedBeans beans) {
        this.policy = policy;
        this.beans = beans;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(0, this::check);
        configuration.setCustomPreDeployers(deployers);
        configuration.setExpressionManager(new ModelExpressionManager(beans));
    }

    void check(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return; // a deployment loaded again into the cache was checked when it was made
        }
        Map<String, byte[]> resources = new LinkedHashMap<>();
        for (ResourceEntity resource : deployment.getResources().values()) {
            resources.put(resource.getName(), resource.getBytes());
        }
        List<Violation> violations = policy.check(resources);
        if (!violations.isEmpty()) {
            throw new ModelPolicyViolation(violations);
        }
    }
}
