package io.complaintflow.engine;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** The decision engine evaluates FEEL through {@link CachedFeelEngine}. */
@Component
public class DecisionEngineSetup extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        ScalaFeelEngineFactory scala = new ScalaFeelEngineFactory(configuration.getDmnFeelCustomFunctionProviders());
        dmn.setFeelEngineFactory(() -> new CachedFeelEngine(scala.createInstance()));
        configuration.setDmnEngineConfiguration(dmn);
    }
}
