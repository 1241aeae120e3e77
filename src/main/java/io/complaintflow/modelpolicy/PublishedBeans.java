package io.complaintflow.modelpolicy;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/** The beans carrying {@link PublishedForModels}, by name, looked up once the application context is complete. */
@Component
public class PublishedBeans {

    private final ApplicationContext context;
    private volatile Map<String, Class<?>> published;

    public PublishedBeans(ApplicationContext context) {
        this.context = context;
    }

    /** The published bean's class, or empty when no published bean has this name. */
    public Optional<Class<?>> type(String name) {
        return Optional.ofNullable(index().get(name));
    }

    /** Whether the name is some bean of the application (published or not). */
    public boolean isBean(String name) {
        return context.containsBean(name);
    }

    public Map<String, Class<?>> all() {
        return index();
    }

    /** The bean itself, for expressions (a new copy of a {@link FreshForEachUse}); null when it is not published. */
    public Object bean(String name) {
        if (!index().containsKey(name)) {
            return null;
        }
        Object bean = context.getBean(name);
        return bean instanceof FreshForEachUse each ? each.fresh() : bean;
    }

    public static boolean isPublished(Object instance) {
        return instance != null
                && ClassUtils.getUserClass(instance).isAnnotationPresent(PublishedForModels.class);
    }

    private Map<String, Class<?>> index() {
        Map<String, Class<?>> index = published;
        if (index == null) {
            index = Stream.of(context.getBeanNamesForAnnotation(PublishedForModels.class))
                    .collect(Collectors.toUnmodifiableMap(Function.identity(),
                            name -> ClassUtils.getUserClass(context.getType(name))));
            published = index;
        }
        return index;
    }
}
