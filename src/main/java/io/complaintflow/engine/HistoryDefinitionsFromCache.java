package io.complaintflow.engine;

import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.springframework.stereotype.Component;

/**
 * History events name their process definition (id, key, version, name) from the node's deployment cache. The
 * engine's producer reads the definition's row for that ({@code select * from ACT_RE_PROCDEF where ID_ = ?}) unless the
 * command happened to read it already — once for every job log entry of a job that did not otherwise need its
 * definition: every step of a deadline storm. Those four fields never change for a definition id (only suspension,
 * time to live and revision do); a definition not in the cache is read as before.
 */
@Component
public class HistoryDefinitionsFromCache extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getHistoryEventProducer() == null) {
            configuration.setHistoryEventProducer(new Producer());
        }
    }

    /** The engine's default producer, its definition look-up answered from the deployment cache when it can. */
    static final class Producer extends CacheAwareHistoryEventProducer {

        /** Look-ups answered from the deployment cache. */
        final AtomicLong fromCache = new AtomicLong();

        @Override
        protected ProcessDefinitionEntity getProcessDefinitionEntity(String processDefinitionId) {
            ProcessDefinitionEntity cached = processDefinitionId == null || Context.getProcessEngineConfiguration() == null
                    ? null : Context.getProcessEngineConfiguration().getDeploymentCache()
                            .findProcessDefinitionFromCache(processDefinitionId);
            if (cached != null) {
                fromCache.incrementAndGet();
                return cached;
            }
            return super.getProcessDefinitionEntity(processDefinitionId);
        }
    }
}
