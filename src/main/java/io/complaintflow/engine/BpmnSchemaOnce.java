package io.complaintflow.engine;

import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ReflectUtil;
import org.camunda.bpm.engine.impl.util.xml.Parse;
import org.camunda.bpm.engine.impl.util.xml.Parser;
import org.springframework.stereotype.Component;

/**
 * Every BPMN file is validated against the BPMN 2.0 schema compiled once per node, instead of once per file.
 * <p>
 * The engine's parse hands the schema's location to a new SAX parser for each file, and the parser compiles the XSD
 * (BPMN20.xsd and the four files it imports) again every time: a third of a first start's deployment of the models
 * (bench/README.md, "the first start on H2"), and again for each model a deployment at run time carries. Here the
 * SAX parser is given the compiled {@link Schema} (immutable, shared by all threads); the file is read with the
 * engine's own handler, so its elements, warnings and errors are the engine's — the same XSD validates it. Entity
 * and DTD settings are the engine's (its {@code enableXxeProcessing}), set on the factory before each parse as the
 * engine does.
 */
@Component
public class BpmnSchemaOnce extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setBpmnParseFactory(CompiledSchemaParse::new);
    }

    /** The engine's parse of one BPMN file, validating against the compiled schema. */
    static final class CompiledSchemaParse extends BpmnParse {

        CompiledSchemaParse(BpmnParser bpmnParser) {
            super(bpmnParser);
            this.parser = new CompiledSchemaParser();
            // with a location here, Parse.execute would hand it to the SAX parser, which would compile the XSD again
            this.schemaResource = null;
        }
    }

    /** Gives {@link Parse#execute()} a SAX parser that validates against the compiled schema. */
    static final class CompiledSchemaParser extends Parser {

        private static final ThreadLocal<SAXParserFactory> FACTORY = ThreadLocal.withInitial(() -> {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setSchema(Bpmn20.SCHEMA);
            try {
                factory.setFeature(NAMESPACE_PREFIXES, true); // as the engine's parser: attributes keep their prefixes
            } catch (Exception e) {
                throw new IllegalStateException("the SAX parser cannot report namespace prefixes", e);
            }
            return factory;
        });

        @Override
        protected SAXParser getSaxParser() throws Exception {
            SAXParserFactory factory = FACTORY.get();
            setXxeProcessing(factory);
            return factory.newSAXParser();
        }

        @Override
        public Parse createParse() {
            throw new UnsupportedOperationException("only reads the files of the engine's BPMN parses");
        }
    }

    /** Compiled on first use: a node that deploys nothing never compiles it. */
    static final class Bpmn20 {

        static final Schema SCHEMA = compile();

        private static Schema compile() {
            URL xsd = ReflectUtil.getResource(BpmnParser.BPMN_20_SCHEMA_LOCATION);
            try {
                return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
            } catch (Exception e) {
                throw new IllegalStateException("the engine's BPMN 2.0 schema " + xsd + " does not compile", e);
            }
        }

        private Bpmn20() {
        }
    }
}
