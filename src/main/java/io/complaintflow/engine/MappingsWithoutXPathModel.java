package io.complaintflow.engine;

import javax.xml.xpath.XPathFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * While the engine builds — between the plugins' preInit and postInit, where it parses its MyBatis mapping files —
 * JAXP hands out {@link ChildPathXPath}: the mappings' plain child paths without the JDK's model of the document
 * (8–9 % of a restart's main thread). Unless an operator named an XPath factory; afterwards JAXP's choice is as before.
 */
@Component
public class MappingsWithoutXPathModel extends AbstractProcessEnginePlugin {

    static final String PROPERTY = XPathFactory.class.getName() + ":" + XPathFactory.DEFAULT_OBJECT_MODEL_URI;

    private boolean placed;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        synchronized (MappingsWithoutXPathModel.class) {
            if (System.getProperty(PROPERTY) == null) {
                System.setProperty(PROPERTY, ChildPathXPath.Factory.class.getName());
                placed = true;
            }
        }
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        synchronized (MappingsWithoutXPathModel.class) {
            if (placed && ChildPathXPath.Factory.class.getName().equals(System.getProperty(PROPERTY))) {
                System.clearProperty(PROPERTY);
            }
            placed = false;
        }
    }
}
