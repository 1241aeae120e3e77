package io.complaintflow.engine;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.CacheFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.CachePurgeReport;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DefaultCacheFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * The decision a model calls with {@code decisionRefBinding="deployment"} is found in the node's deployment cache
 * after its first call, instead of the engine asking the database for it on every evaluation (three look-ups in
 * every intake job: grading, routing, deadlines).
 * <p>
 * Which decision a deployment holds for a key never changes, and a decision has no state another node could change
 * that its evaluation reads: no suspension; its history time to live counts only for a decision evaluated on its own
 * (within a process the process instance's removal time applies), and the cleanup reads it from the database. So
 * remembering the answer loses nothing across nodes. A called <em>process</em> by deployment is still looked up each
 * time: another node may suspend its definition, and the look-up is how this node learns it.
 * <p>
 * The same cache answers a handler's poll and claim with the process definition it holds
 * ({@link ProcessDefinitionsFromCache}).
 */
@Component
public class DecisionsByDeployment extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getDeploymentCache() == null) {
            // the engine's own choice when nobody sets a cache factory (none here; the engine has no getter for one)
            configuration.setDeploymentCache(new Cache(new DefaultCacheFactory(), capacity(configuration)));
        }
    }

    /** The engine's {@code cacheCapacity} (a generic property; the configuration has a setter but no getter). */
    static int capacity(ProcessEngineConfigurationImpl configuration) {
        try {
            Field field = ProcessEngineConfigurationImpl.class.getDeclaredField("cacheCapacity");
            field.setAccessible(true);
            return field.getInt(configuration);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 1000; // the engine's default
        }
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // the engine hands its deployers only to a cache it made itself: the same list (pre-, default, post-deployers)
        if (configuration.getDeploymentCache() instanceof Cache cache) {
            cache.setDeployers(configuration.getDeployers());
        }
    }

    /** The engine's deployment cache, remembering which decision definition a deployment holds for a key. */
    static final class Cache extends DeploymentCache {

        private final Map<String, String> byDeploymentAndKey = new ConcurrentHashMap<>();

        Cache(CacheFactory factory, int capacity) {
            super(factory, capacity);
        }

        @Override
        public DecisionDefinition findDeployedDecisionDefinitionByDeploymentAndKey(String deploymentId, String key) {
            String id = byDeploymentAndKey.get(deploymentId + '/' + key);
            DecisionDefinitionEntity known = id == null ? null : findDecisionDefinitionFromCache(id);
            if (known != null) {
                return known;
            }
            DecisionDefinition found = super.findDeployedDecisionDefinitionByDeploymentAndKey(deploymentId, key);
            byDeploymentAndKey.put(deploymentId + '/' + key, found.getId());
            return found;
        }

        @Override
        public ProcessDefinitionEntity findDeployedProcessDefinitionById(String processDefinitionId) {
            if (processDefinitionId != null && ProcessDefinitionsFromCache.rowNotNeeded()) {
                ProcessDefinitionEntity cached = findProcessDefinitionFromCache(processDefinitionId);
                if (cached != null) {
                    ProcessDefinitionsFromCache.SERVED.incrementAndGet();
                    return cached;
                }
            }
            return super.findDeployedProcessDefinitionById(processDefinitionId);
        }

        @Override
        public void removeDeployment(String deploymentId) {
            byDeploymentAndKey.keySet().removeIf(k -> k.startsWith(deploymentId + '/'));
            super.removeDeployment(deploymentId);
        }

        @Override
        public CachePurgeReport purgeCache() {
            byDeploymentAndKey.clear();
            return super.purgeCache();
        }

        @Override
        public void discardDecisionDefinitionCache() {
            byDeploymentAndKey.clear();
            super.discardDecisionDefinitionCache();
        }
    }
}
