package io.complaintflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.apache.ibatis.builder.xml.XMLMapperEntityResolver;
import org.apache.ibatis.parsing.XPathParser;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ChildPathXPathTest {

    private static final String MAPPINGS = "org/camunda/bpm/engine/impl/mapping/mappings.xml";
    /** What MyBatis 3.5 asks of a configuration and a mapper file (XMLConfigBuilder, XMLMapperBuilder, XMLStatementBuilder). */
    private static final List<String> MYBATIS = List.of("/configuration", "properties", "settings", "typeAliases",
            "plugins", "mappers", "/mapper", "cache-ref", "cache", "/mapper/parameterMap", "/mapper/resultMap",
            "/mapper/sql", "select|insert|update|delete", "selectKey", "/configuration/mappers/mapper");
    /** Not plain child paths: the JDK answers them. */
    private static final List<String> OTHERS = List.of("//select", "mapper[@resource]", "*", "..", "select | insert",
            "sql/text()", "/mapper/select[1]");

    private final XPath jdk = XPathFactory.newDefaultInstance().newXPath();
    private final XPath ours = new ChildPathXPath.Factory().newXPath();

    @Test
    void everyExpressionOnEveryElementOfTheEnginesMappingsSelectsWhatTheJdksXPathSelects() throws Exception {
        List<Document> documents = new ArrayList<>();
        Document configuration = mybatisDocument(MAPPINGS);
        documents.add(configuration);
        NodeList mappers = (NodeList) jdk.evaluate("/configuration/mappers/mapper", configuration, XPathConstants.NODESET);
        for (int i = 0; i < mappers.getLength(); i++) {
            documents.add(mybatisDocument(((Element) mappers.item(i)).getAttribute("resource")));
        }
        assertThat(documents).hasSizeGreaterThan(40);
        int compared = 0;
        for (Document document : documents) {
            List<Node> contexts = new ArrayList<>(List.of(document));
            collectElements(document.getDocumentElement(), contexts);
            for (Node context : contexts) {
                for (String expression : concat(MYBATIS, OTHERS)) {
                    assertSame(expression, context, XPathConstants.NODESET);
                    assertSame(expression, context, XPathConstants.NODE);
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
    }

    @Test
    void anElementWithANamespaceOrPrefixLeavesTheExpressionToTheJdk() throws Exception {
        DocumentBuilderFactory aware = DocumentBuilderFactory.newInstance();
        aware.setNamespaceAware(true);
        Document namespaced = aware.newDocumentBuilder().parse(new InputSource(new StringReader(
                "<mapper xmlns='urn:x'><select id='a'/><p:select xmlns:p='urn:y' id='b'/></mapper>")));
        Document prefixed = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(
                new StringReader("<mapper><p:select id='a'/><select id='b'/></mapper>")));
        for (Document document : List.of(namespaced, prefixed)) {
            assertThat(ChildPathXPath.select("/mapper/select", document)).isNull();
            for (String expression : List.of("/mapper", "/mapper/select", "select|insert")) {
                assertSame(expression, document, XPathConstants.NODESET);
                assertSame(expression, document.getDocumentElement(), XPathConstants.NODESET);
            }
        }
        assertThat(ChildPathXPath.select("/mapper/select", mybatisDocument(MAPPINGS))).isEmpty();
    }

    @Test
    void otherReturnTypesAndTheFactoryAreTheJdks() throws Exception {
        Document document = mybatisDocument(MAPPINGS);
        assertThat(ours.evaluate("count(/configuration/mappers/mapper)", document, XPathConstants.NUMBER))
                .isEqualTo(jdk.evaluate("count(/configuration/mappers/mapper)", document, XPathConstants.NUMBER));
        assertThat(ours.evaluate("/configuration/settings/setting/@name", document))
                .isEqualTo(jdk.evaluate("/configuration/settings/setting/@name", document));
        assertThat(new ChildPathXPath.Factory().isObjectModelSupported(XPathFactory.DEFAULT_OBJECT_MODEL_URI)).isTrue();
    }

    @Test
    void theFactoryIsJaxpsOnlyWhileTheEngineBuilds() throws Exception {
        MappingsWithoutXPathModel plugin = new MappingsWithoutXPathModel();
        assertThat(System.getProperty(MappingsWithoutXPathModel.PROPERTY)).isNull();
        plugin.preInit(null);
        try {
            assertThat(XPathFactory.newInstance()).isInstanceOf(ChildPathXPath.Factory.class);
            assertThat(XPathFactory.newInstance().newXPath()).isInstanceOf(ChildPathXPath.class);
        } finally {
            plugin.postInit(null);
        }
        assertThat(System.getProperty(MappingsWithoutXPathModel.PROPERTY)).isNull();
        assertThat(XPathFactory.newInstance()).isNotInstanceOf(ChildPathXPath.Factory.class);

        System.setProperty(MappingsWithoutXPathModel.PROPERTY, XPathFactory.newDefaultInstance().getClass().getName());
        try { // an operator's own choice stays
            plugin.preInit(null);
            plugin.postInit(null);
            assertThat(System.getProperty(MappingsWithoutXPathModel.PROPERTY))
                    .isEqualTo(XPathFactory.newDefaultInstance().getClass().getName());
        } finally {
            System.clearProperty(MappingsWithoutXPathModel.PROPERTY);
        }
    }

    private void assertSame(String expression, Node context, QName type) throws Exception {
        Object expected = jdk.evaluate(expression, context, type);
        Object actual = ours.evaluate(expression, context, type);
        assertThat(nodes(actual)).as("%s on <%s> as %s", expression, context.getNodeName(), type.getLocalPart())
                .containsExactlyElementsOf(nodes(expected));
    }

    private static List<Node> nodes(Object result) {
        List<Node> nodes = new ArrayList<>();
        if (result instanceof NodeList list) {
            for (int i = 0; i < list.getLength(); i++) {
                nodes.add(list.item(i));
            }
        } else if (result instanceof Node node) {
            nodes.add(node);
        }
        return nodes;
    }

    private static void collectElements(Element element, List<Node> into) {
        into.add(element);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                collectElements(e, into);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The document as MyBatis builds it (its own parser settings and offline DTDs). */
    private static Document mybatisDocument(String resource) throws Exception {
        try (InputStream in = ProcessEngine.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new XPathParser(in, false, null, new XMLMapperEntityResolver()).evalNode("/*").getNode()
                    .getOwnerDocument();
        }
    }
}
