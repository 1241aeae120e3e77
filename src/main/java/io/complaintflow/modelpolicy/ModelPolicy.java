package io.complaintflow.modelpolicy;

import io.complaintflow.modelpolicy.Violation.Rule;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import org.springframework.stereotype.Component;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The one model policy every deployment passes before the engine sees it (see {@link ModelPolicyPlugin}): no
 * scripts anywhere, {@code camunda:class} only from {@code io.complaintflow}, no connectors, DMN only in FEEL or
 * JUEL, and every expression — in any attribute or text: service tasks, listeners, conditions, timers,
 * input/output, field injection, assignments, DMN — within {@link ExpressionRules}.
 */
@Component
public class ModelPolicy {

    static final String OWN_PACKAGE = "io.complaintflow.";
    static final Set<String> MODEL_SUFFIXES = Set.of(".bpmn", ".bpmn20.xml", ".dmn", ".dmn11.xml", ".cmmn",
            ".cmmn10.xml", ".cmmn11.xml");
    /** Camunda's extension namespaces, and the Activiti one it still accepts. */
    static final Set<String> CAMUNDA_NAMESPACES = Set.of("http://camunda.org/schema/1.0/bpmn",
            "http://camunda.org/schema/1.0/dmn", "http://camunda.org/schema/1.0/cmmn", "http://activiti.org/bpmn");
    static final Set<String> CLASS_ATTRIBUTES = Set.of("class", "variableMappingClass", "formHandlerClass");
    static final Set<String> SCRIPT_ATTRIBUTES = Set.of("resource", "scriptFormat");
    static final Set<String> CONDITIONS = Set.of("conditionExpression", "condition", "completionCondition");
    /** Never evaluated: documentation and annotations may say anything. */
    static final Set<String> PROSE = Set.of("documentation", "text");
    static final Set<String> DMN_LANGUAGES = Set.of("feel", "juel", "");
    /** Reflection through FEEL's access to Java objects' getters. */
    static final Pattern FEEL_REFLECTION = Pattern.compile(
            "(?i)(\\.\\s*class\\b|getclass|classloader|forname|java\\.lang|runtime\\s*\\.|processbuilder)");

    private final ExpressionRules expressions;

    public ModelPolicy(PublishedBeans beans) {
        this.expressions = new ExpressionRules(beans);
    }

    public static boolean isModel(String resourceName) {
        String name = resourceName.toLowerCase(Locale.ROOT);
        return MODEL_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /** Every violation in these resources (name → bytes); resources that are not models are not looked at. */
    public List<Violation> check(Map<String, byte[]> resources) {
        List<Violation> violations = new ArrayList<>();
        resources.forEach((name, bytes) -> {
            if (isModel(name)) {
                violations.addAll(check(name, bytes));
            }
        });
        return violations;
    }

    public List<Violation> check(String resource, byte[] content) {
        Scan scan = new Scan(resource, resource.toLowerCase(Locale.ROOT).contains(".dmn"));
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.newSAXParser().parse(new ByteArrayInputStream(content), scan);
        } catch (SAXException e) {
            scan.violations.add(new Violation(resource, null, 0, Rule.UNREADABLE, e.getMessage()));
        } catch (Exception e) {
            scan.violations.add(new Violation(resource, null, 0, Rule.UNREADABLE, String.valueOf(e)));
        }
        return scan.violations;
    }

    private final class Scan extends DefaultHandler {

        private final String resource;
        private final boolean dmn;
        private final List<Violation> violations = new ArrayList<>();
        private final Deque<Open> open = new ArrayDeque<>();
        private Locator locator;

        Scan(String resource, boolean dmn) {
            this.resource = resource;
            this.dmn = dmn;
        }

        private record Open(String localName, String id, int line, StringBuilder text, boolean scriptCondition) {
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        private int line() {
            return locator == null ? 0 : locator.getLineNumber();
        }

        private String owner(String ownId) {
            if (ownId != null) {
                return ownId;
            }
            for (Open o : open) {
                if (o.id() != null) {
                    return o.id();
                }
            }
            return null;
        }

        private void refuse(String element, Rule rule, String detail) {
            violations.add(new Violation(resource, element, line(), rule, detail));
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            String id = attributes.getValue("id");
            String element = owner(id);
            boolean camunda = CAMUNDA_NAMESPACES.contains(uri);
            if (localName.equals("scriptTask") || localName.equals("script") && (camunda || !dmn)) {
                refuse(element, Rule.SCRIPT, "<" + qName + ">");
            }
            if (camunda && localName.equals("connector")) {
                refuse(element, Rule.CONNECTOR, "<" + qName + ">");
            }
            boolean scriptCondition = false;
            for (int i = 0; i < attributes.getLength(); i++) {
                String name = attributes.getLocalName(i);
                String value = attributes.getValue(i);
                boolean camundaAttribute = CAMUNDA_NAMESPACES.contains(attributes.getURI(i))
                        || camunda && attributes.getURI(i).isEmpty();
                if (camundaAttribute && CLASS_ATTRIBUTES.contains(name) && !value.strip().startsWith(OWN_PACKAGE)) {
                    refuse(element, Rule.FOREIGN_CLASS, attributes.getQName(i) + "=\"" + value + "\"");
                } else if (camundaAttribute && SCRIPT_ATTRIBUTES.contains(name)) {
                    refuse(element, Rule.SCRIPT, attributes.getQName(i) + "=\"" + value + "\"");
                } else if (name.equals("language") && CONDITIONS.contains(localName) && !value.isBlank()) {
                    refuse(element, Rule.SCRIPT, "<" + qName + " language=\"" + value + "\">");
                    scriptCondition = true;
                } else if (name.equals("expressionLanguage") && dmn
                        && !DMN_LANGUAGES.contains(dmnLanguage(value))) {
                    refuse(element, Rule.DMN_LANGUAGE, "expressionLanguage=\"" + value + "\"");
                } else if (ExpressionRules.isExpression(value)) {
                    checkExpression(element, value);
                }
            }
            open.push(new Open(localName, id, line(), new StringBuilder(), scriptCondition));
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.peek().text().append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Open closing = open.pop();
            String text = closing.text().toString();
            if (PROSE.contains(localName) && !(dmn && localName.equals("text")) || closing.scriptCondition()) {
                return;
            }
            String element = closing.id() != null ? closing.id() : owner(null);
            if (ExpressionRules.isExpression(text)) {
                checkExpression(element, text.strip());
            }
            if (dmn && localName.equals("text") && FEEL_REFLECTION.matcher(text).find()) {
                violations.add(new Violation(resource, element, closing.line(), Rule.FORBIDDEN_PROPERTY,
                        "reflection in a DMN expression: " + text.strip()));
            }
        }

        private void checkExpression(String element, String expression) {
            for (ExpressionRules.Finding f : expressions.check(expression)) {
                refuse(element, f.rule(), f.detail());
            }
        }
    }

    /** {@code feel}, {@code juel}, or one of the FEEL namespace URIs DMN files name their language by. */
    static String dmnLanguage(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.contains("feel")) {
            return "feel";
        }
        return v;
    }
}
