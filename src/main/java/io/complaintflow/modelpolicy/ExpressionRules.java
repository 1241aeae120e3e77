package io.complaintflow.modelpolicy;

import io.complaintflow.modelpolicy.Violation.Rule;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * What an expression in a model may do: read variables and their properties, compare and compute, call the
 * methods of published beans ({@link PublishedForModels}) and read a few properties of {@code execution} and
 * {@code task}. Everything else — a method call on anything else ({@code ''.getClass()}), reflection or engine
 * internals as properties, unknown functions, an unpublished bean — is a {@link Violation}. Parsed with the
 * engine's own JUEL parser, so what is checked is what would run.
 */
final class ExpressionRules {

    /** Property names never readable, whatever the object: reflection, class loading, engine and Spring internals. */
    static final Set<String> FORBIDDEN_PROPERTIES = Set.of("class", "classloader", "module", "declaringclass",
            "protectiondomain", "runtime", "processengine", "processengineservices", "processengineconfiguration",
            "applicationcontext", "beanfactory", "environment", "servletcontext", "commandcontext", "delegate",
            "bpmnmodelinstance", "bpmnmodelelementinstance", "forname", "getclass", "newinstance", "invoke",
            "exec", "systemproperties", "systemenvironment");

    /** What {@code execution} and {@code task} offer a model: reading, never the engine behind them. */
    static final Set<String> SCOPE_PROPERTIES = Set.of("processBusinessKey", "businessKey", "processInstanceId",
            "id", "currentActivityId", "currentActivityName", "activityInstanceId", "eventName", "name",
            "taskDefinitionKey", "assignee", "owner", "priority", "dueDate", "processDefinitionId", "tenantId",
            "variables", "variablesLocal", "variableNames");
    static final Set<String> SCOPE_METHODS = Set.of("getVariable", "getVariableLocal", "hasVariable",
            "hasVariableLocal", "getProcessBusinessKey", "getBusinessKey", "getProcessInstanceId", "getId",
            "getCurrentActivityId", "getActivityInstanceId", "getEventName", "getName", "getTaskDefinitionKey",
            "getAssignee");
    static final Set<String> SCOPES = Set.of("execution", "task");
    /** The functions the engine registers itself; harmless. */
    static final Set<String> FUNCTIONS = Set.of("currentUser", "currentUserGroups", "now", "dateTime");

    private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    private final PublishedBeans beans;

    ExpressionRules(PublishedBeans beans) {
        this.beans = beans;
    }

    static boolean isExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    static boolean forbidden(String property) {
        return FORBIDDEN_PROPERTIES.contains(property.toLowerCase(Locale.ROOT));
    }

    /** Each problem of one expression text (which may mix plain text and several {@code ${…}}), as rule + detail. */
    List<Finding> check(String expression) {
        List<Finding> findings = new ArrayList<>();
        Node root;
        try {
            root = PARSER.build(expression).getRoot();
        } catch (TreeBuilderException | IllegalArgumentException e) {
            findings.add(new Finding(Rule.INVALID_EXPRESSION, expression + " (" + e.getMessage() + ")"));
            return findings;
        }
        walk(root, expression, findings);
        return findings;
    }

    record Finding(Rule rule, String detail) {
    }

    private void walk(Node node, String expression, List<Finding> findings) {
        if (node instanceof AstFunction function) {
            if (!FUNCTIONS.contains(function.getName())) {
                findings.add(new Finding(Rule.FUNCTION, function.getName() + "() in " + expression));
            }
        } else if (node instanceof AstMethod method) {
            AstProperty call = (AstProperty) method.getChild(0);
            checkCall(call, expression, findings);
            walk(call.getChild(0), expression, findings); // the object the method is called on
            if (call instanceof AstBracket) {
                walk(call.getChild(1), expression, findings);
            }
            walk(method.getChild(1), expression, findings); // the arguments
            return;
        } else if (node instanceof AstProperty property) {
            checkProperty(property, expression, findings);
        } else if (node instanceof AstIdentifier identifier) {
            checkIdentifier(identifier.getName(), expression, findings);
        }
        for (int i = 0; i < node.getCardinality(); i++) {
            walk(node.getChild(i), expression, findings);
        }
    }

    private void checkIdentifier(String name, String expression, List<Finding> findings) {
        if (SCOPES.contains(name) || beans.type(name).isPresent()) {
            return;
        }
        if (forbidden(name)) {
            findings.add(new Finding(Rule.FORBIDDEN_PROPERTY, name + " in " + expression));
        } else if (beans.isBean(name)) {
            findings.add(new Finding(Rule.UNPUBLISHED_BEAN, name + " in " + expression));
        }
        // anything else is a variable
    }

    private void checkProperty(AstProperty property, String expression, List<Finding> findings) {
        String name = literalName(property);
        if (name == null) {
            return; // computed key (list index, map key): the runtime resolver refuses forbidden names
        }
        if (forbidden(name)) {
            findings.add(new Finding(Rule.FORBIDDEN_PROPERTY, name + " in " + expression));
            return;
        }
        Node prefix = property.getChild(0);
        if (prefix instanceof AstIdentifier scope && SCOPES.contains(scope.getName())
                && !SCOPE_PROPERTIES.contains(name)) {
            findings.add(new Finding(Rule.FORBIDDEN_PROPERTY, scope.getName() + "." + name + " in " + expression));
        }
    }

    private void checkCall(AstProperty call, String expression, List<Finding> findings) {
        String method = literalName(call);
        Node target = call.getChild(0);
        String targetName = target instanceof AstIdentifier identifier ? identifier.getName() : null;
        if (method == null || targetName == null) {
            findings.add(new Finding(Rule.METHOD_CALL, "a method of a computed value in " + expression));
            return;
        }
        if (SCOPES.contains(targetName)) {
            if (!SCOPE_METHODS.contains(method)) {
                findings.add(new Finding(Rule.METHOD_CALL, targetName + "." + method + "() in " + expression));
            }
            return;
        }
        Optional<Class<?>> bean = beans.type(targetName);
        if (bean.isEmpty()) {
            findings.add(new Finding(beans.isBean(targetName) ? Rule.UNPUBLISHED_BEAN : Rule.METHOD_CALL,
                    targetName + "." + method + "() in " + expression));
        } else if (!declaresPublicMethod(bean.get(), method)) {
            findings.add(new Finding(Rule.METHOD_CALL, targetName + "." + method
                    + "() is not a public method of the published bean in " + expression));
        }
    }

    /** A public method declared by the bean's own classes (not Object's, not a framework superclass's). */
    static boolean declaresPublicMethod(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && Modifier.isPublic(m.getModifiers())
                    && m.getDeclaringClass().getName().startsWith("io.complaintflow.")) {
                return true;
            }
        }
        return false;
    }

    private static String literalName(AstProperty property) {
        if (property instanceof AstDot) {
            return property.toString().substring(2); // AstDot prints ". name"
        }
        Node key = property.getChild(1);
        return key instanceof AstString literal ? String.valueOf(literal.eval(null, null)) : null;
    }
}
