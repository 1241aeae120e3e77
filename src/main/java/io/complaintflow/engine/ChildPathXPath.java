package io.complaintflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathEvaluationResult;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;
import javax.xml.xpath.XPathFunctionResolver;
import javax.xml.xpath.XPathVariableResolver;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The JDK's XPath, except that a path of plain element names ({@code selectKey}, {@code /mapper/resultMap},
 * {@code select|insert|update|delete}) asked for a node or node set is answered by walking the DOM's children.
 * The JDK evaluates every expression on a DOM node by building its own model of the document from the root up to
 * that node, so MyBatis' per-statement {@code selectKey} lookup over the engine's mapping files costs in proportion to
 * each statement's position: 75 of a restart's 850 main-thread JFR samples (bench/README.md). Any other expression,
 * return type or node — and any element with a namespace or prefix on the way — goes to the JDK's XPath unchanged.
 * Put in place only while the engine builds ({@link MappingsWithoutXPathModel}).
 */
public final class ChildPathXPath implements XPath {

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_.-]*";
    private static final Pattern PATH = Pattern.compile("/?" + NAME + "(/" + NAME + ")*");
    private static final Pattern UNION = Pattern.compile(NAME + "(\\|" + NAME + ")+");

    private final XPath jdk;

    ChildPathXPath(XPath jdk) {
        this.jdk = jdk;
    }

    /** The factory JAXP instantiates by name (system property {@code javax.xml.xpath.XPathFactory:<model>}). */
    public static final class Factory extends XPathFactory {

        private final XPathFactory jdk = XPathFactory.newDefaultInstance();

        @Override
        public boolean isObjectModelSupported(String objectModel) {
            return jdk.isObjectModelSupported(objectModel);
        }

        @Override
        public void setFeature(String name, boolean value) throws XPathFactoryConfigurationException {
            jdk.setFeature(name, value);
        }

        @Override
        public boolean getFeature(String name) throws XPathFactoryConfigurationException {
            return jdk.getFeature(name);
        }

        @Override
        public void setXPathVariableResolver(XPathVariableResolver resolver) {
            jdk.setXPathVariableResolver(resolver);
        }

        @Override
        public void setXPathFunctionResolver(XPathFunctionResolver resolver) {
            jdk.setXPathFunctionResolver(resolver);
        }

        @Override
        public XPath newXPath() {
            return new ChildPathXPath(jdk.newXPath());
        }
    }

    @Override
    public Object evaluate(String expression, Object item, QName returnType) throws XPathExpressionException {
        boolean node = XPathConstants.NODE.equals(returnType);
        if ((node || XPathConstants.NODESET.equals(returnType)) && (item instanceof Document || item instanceof Element)) {
            List<Node> found = select(expression.strip(), (Node) item);
            if (found != null) {
                return node ? (found.isEmpty() ? null : found.get(0)) : new Nodes(found);
            }
        }
        return jdk.evaluate(expression, item, returnType);
    }

    /** The elements the expression selects in document order, or null when it is not a plain path of names. */
    static List<Node> select(String expression, Node context) {
        if (UNION.matcher(expression).matches()) {
            return children(List.of(context), List.of(expression.split("\\|")));
        }
        if (!PATH.matcher(expression).matches()) {
            return null;
        }
        List<Node> current;
        String path = expression;
        if (path.startsWith("/")) {
            current = List.of(context instanceof Document d ? d : context.getOwnerDocument());
            path = path.substring(1);
        } else {
            current = List.of(context);
        }
        for (String step : path.split("/")) {
            current = children(current, List.of(step));
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** The child elements of the nodes (in order) named one of names; null if one has a namespace or prefix. */
    private static List<Node> children(List<Node> parents, List<String> names) {
        List<Node> found = new ArrayList<>();
        for (Node parent : parents) {
            for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() != Node.ELEMENT_NODE) {
                    continue;
                }
                String name = child.getNodeName();
                if (child.getNamespaceURI() != null || name.indexOf(':') >= 0
                        || child.getLocalName() != null && !child.getLocalName().equals(name)) {
                    return null;
                }
                if (names.contains(name)) {
                    found.add(child);
                }
            }
        }
        return found;
    }

    private record Nodes(List<Node> nodes) implements NodeList {
        @Override
        public Node item(int index) {
            return index >= 0 && index < nodes.size() ? nodes.get(index) : null;
        }

        @Override
        public int getLength() {
            return nodes.size();
        }
    }

    @Override
    public String evaluate(String expression, Object item) throws XPathExpressionException {
        return jdk.evaluate(expression, item);
    }

    @Override
    public Object evaluate(String expression, InputSource source, QName returnType) throws XPathExpressionException {
        return jdk.evaluate(expression, source, returnType);
    }

    @Override
    public String evaluate(String expression, InputSource source) throws XPathExpressionException {
        return jdk.evaluate(expression, source);
    }

    @Override
    public <T> T evaluateExpression(String expression, Object item, Class<T> type) throws XPathExpressionException {
        return jdk.evaluateExpression(expression, item, type);
    }

    @Override
    public XPathEvaluationResult<?> evaluateExpression(String expression, Object item) throws XPathExpressionException {
        return jdk.evaluateExpression(expression, item);
    }

    @Override
    public <T> T evaluateExpression(String expression, InputSource source, Class<T> type)
            throws XPathExpressionException {
        return jdk.evaluateExpression(expression, source, type);
    }

    @Override
    public XPathEvaluationResult<?> evaluateExpression(String expression, InputSource source)
            throws XPathExpressionException {
        return jdk.evaluateExpression(expression, source);
    }

    @Override
    public XPathExpression compile(String expression) throws XPathExpressionException {
        return jdk.compile(expression);
    }

    @Override
    public void reset() {
        jdk.reset();
    }

    @Override
    public void setXPathVariableResolver(XPathVariableResolver resolver) {
        jdk.setXPathVariableResolver(resolver);
    }

    @Override
    public XPathVariableResolver getXPathVariableResolver() {
        return jdk.getXPathVariableResolver();
    }

    @Override
    public void setXPathFunctionResolver(XPathFunctionResolver resolver) {
        jdk.setXPathFunctionResolver(resolver);
    }

    @Override
    public XPathFunctionResolver getXPathFunctionResolver() {
        return jdk.getXPathFunctionResolver();
    }

    @Override
    public void setNamespaceContext(NamespaceContext context) {
        jdk.setNamespaceContext(context);
    }

    @Override
    public NamespaceContext getNamespaceContext() {
        return jdk.getNamespaceContext();
    }
}
