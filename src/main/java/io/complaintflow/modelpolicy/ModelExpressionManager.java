package io.complaintflow.modelpolicy;

import java.util.AbstractMap;

import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.el.ReadOnlyMapELResolver;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;

/**
 * The engine's expression language as models get it at run time: variables, the published beans (and no other
 * bean of the application), and method calls only on published beans and on {@code execution}/{@code task}'s
 * reading methods — the same rules {@link ExpressionRules} checks at deployment, enforced for every version.
 */
class ModelExpressionManager extends JuelExpressionManager {

    private final PublishedBeans beans;

    ModelExpressionManager(PublishedBeans beans) {
        super(null);
        this.beans = beans;
    }

    @Override
    protected ELResolver createElResolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new VariableScopeElResolver());
        resolver.add(new VariableContextElResolver());
        resolver.add(new ReadOnlyMapELResolver(new PublishedBeanMap(beans)));
        resolver.add(new ArrayELResolver());
        resolver.add(new ListELResolver());
        resolver.add(new MapELResolver());
        resolver.add(new GuardedBeanResolver());
        return resolver;
    }

    /** The published beans as the read-only map Camunda's resolver wants, looked up on demand. */
    private static final class PublishedBeanMap extends AbstractMap<Object, Object> {
        private final PublishedBeans beans;

        PublishedBeanMap(PublishedBeans beans) {
            this.beans = beans;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && beans.type(name).isPresent();
        }

        @Override
        public Object get(Object key) {
            return key instanceof String name ? beans.bean(name) : null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return Set.of();
        }
    }

    private static final class GuardedBeanResolver extends BeanELResolver {

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base != null && property != null) {
                String name = property.toString();
                if (ExpressionRules.forbidden(name) || base instanceof VariableScope
                        && !ExpressionRules.SCOPE_PROPERTIES.contains(name)) {
                    throw new ELException("模型表达式不能读取 " + name + " (model policy)");
                }
            }
            return super.getValue(context, base, property);
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
            if (base != null && method != null) {
                String name = method.toString();
                boolean allowed = PublishedBeans.isPublished(base) && ExpressionRules.declaresPublicMethod(
                        org.springframework.util.ClassUtils.getUserClass(base), name)
                        || base instanceof VariableScope && ExpressionRules.SCOPE_METHODS.contains(name);
                if (!allowed) {
                    throw new ELException("模型表达式不能调用 " + base.getClass().getSimpleName() + "." + name
                            + "() (model policy: only published beans' methods)");
                }
            }
            return super.invoke(context, base, method, types, params);
        }
    }

}
