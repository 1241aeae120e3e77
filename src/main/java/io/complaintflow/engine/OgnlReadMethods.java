package io.complaintflow.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ibatis.ognl.ObjectPropertyAccessor;
import org.apache.ibatis.ognl.OgnlContext;
import org.apache.ibatis.ognl.OgnlException;
import org.apache.ibatis.ognl.OgnlRuntime;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine's dynamic SQL reads its query objects' properties through MyBatis' OGNL, which looks for a getter
 * ({@code getX}/{@code isX}, remembered) and, finding none — {@code query.isOrQueryActive},
 * {@code authCheck.shouldPerformAuthorizatioCheck} and the like — scans every method of the class with its name in
 * lower case, at every evaluation: for the task query's {@code TaskQueryImpl}, some 600 methods per property, 19 of
 * the 53 JFR samples that building one task query's SQL cost in the s11-start lifecycle (bench/README.md). This
 * accessor, OGNL's own extension point for a class (MyBatis registers its context map's the same way), does what
 * OGNL's object accessor does with the method it finds remembered per class and name — methods of a class do not
 * change — and falls back to the field as OGNL does.
 */
@Component
public class OgnlReadMethods extends AbstractProcessEnginePlugin {

    static final ReadMethods ACCESSOR = new ReadMethods();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        install();
    }

    /** Before the engine's first statement: OGNL remembers per class which accessor it found. */
    static void install() {
        OgnlRuntime.setPropertyAccessor(Object.class, ACCESSOR);
    }

    static final class ReadMethods extends ObjectPropertyAccessor {

        private final Map<Class<?>, Map<String, Optional<Method>>> readers = new ConcurrentHashMap<>();
        /** How many (class, name) pairs were looked up (tests). */
        final AtomicLong lookups = new AtomicLong();

        @Override
        public Object getPossibleProperty(OgnlContext context, Object target, String name) throws OgnlException {
            if (target == null) {
                return super.getPossibleProperty(context, target, name);
            }
            try {
                Method reader = reader(target.getClass(), name);
                if (reader == null || !context.getMemberAccess().isAccessible(context, target, reader, name)) {
                    return OgnlRuntime.getFieldValue(context, target, name, true);
                }
                try {
                    return OgnlRuntime.invokeMethod(target, reader, OgnlRuntime.NoArguments);
                } catch (InvocationTargetException e) {
                    throw new OgnlException(name, e.getTargetException());
                }
            } catch (OgnlException e) {
                throw e;
            } catch (Exception e) {
                throw new OgnlException(name, e);
            }
        }

        /** OGNL's choice: the getter, else a method read by that name; remembered. */
        Method reader(Class<?> type, String name) {
            return readers.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).computeIfAbsent(name, n -> {
                lookups.incrementAndGet();
                Method getter = OgnlRuntime.getGetMethod(type, n);
                return Optional.ofNullable(getter != null ? getter : OgnlRuntime.getReadMethod(type, n, null));
            }).orElse(null);
        }
    }
}
