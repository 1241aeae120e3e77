package io.complaintflow.operations;

import io.complaintflow.security.CommandFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The jobs this node's job executor holds: acquired and handed to its pool, queued or running, and not finished. While
 * the node holds a job its lock must stay: released, another node would run a job this node is still running (or is
 * about to run from its queue). {@link DatabaseWatch} gives back only the locks of jobs not held here.
 *
 * <p>Two feeds: the pool's task decorator sees each batch of acquired job ids when it is queued and when it is done
 * (or refused by a full queue); a command interceptor adds each job as it starts, and the jobs queued behind it in the
 * same batch — exclusive jobs of the same process instance that the batch created and locked for itself.
 */
@Configuration(proxyBeanMethods = false)
public class JobsInHand extends AbstractProcessEnginePlugin {

    /** The job executor's pool as the Camunda starter names it. */
    static final String POOL = "camundaTaskExecutor";

    private final Set<Batch> batches = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Batch> current = new ThreadLocal<>();

    /** The ids of the jobs this node holds now. */
    public Set<String> ids() {
        Set<String> ids = new HashSet<>();
        batches.forEach(batch -> ids.addAll(batch.ids));
        return ids;
    }

    /** The job executor's pool reports each batch it queues, runs and finishes (or refuses) here. */
    @Bean
    static BeanPostProcessor jobPoolWatch(ObjectProvider<JobsInHand> jobs) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (POOL.equals(name) && bean instanceof ThreadPoolTaskExecutor pool) {
                    pool.setTaskDecorator(runnable -> jobs.getObject().hold(runnable));
                    pool.setRejectedExecutionHandler((runnable, executor) -> {
                        if (runnable instanceof Batch batch) {
                            batch.done();
                        }
                        throw new RejectedExecutionException("the job executor's queue is full");
                    });
                }
                return bean;
            }
        };
    }

    Runnable hold(Runnable queued) {
        List<String> ids = queued instanceof ExecuteJobsRunnable ? CommandFields.get(queued, "jobIds") : List.of();
        Batch batch = new Batch(queued, ids);
        batches.add(batch);
        return batch;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new Executing());
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    /** One batch of jobs handed to the pool: the acquired ids, and the jobs it ran after them. */
    final class Batch implements Runnable {
        private final Runnable jobs;
        private final Set<String> ids = ConcurrentHashMap.newKeySet();

        Batch(Runnable jobs, List<String> ids) {
            this.jobs = jobs;
            this.ids.addAll(ids);
        }

        @Override
        public void run() {
            current.set(this);
            try {
                jobs.run();
            } finally {
                current.remove();
                done();
            }
        }

        void done() {
            batches.remove(this);
        }
    }

    private final class Executing extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            Batch batch = current.get();
            if (batch == null || !(command instanceof ExecuteJobsCmd)) {
                return next.execute(command);
            }
            batch.ids.add(CommandFields.get(command, "jobId"));
            try {
                return next.execute(command);
            } finally {
                JobExecutorContext context = Context.getJobExecutorContext();
                if (context != null) {
                    batch.ids.addAll(context.getCurrentProcessorJobQueue());
                }
            }
        }
    }
}
