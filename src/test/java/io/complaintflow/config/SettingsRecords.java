package io.complaintflow.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/** The application's settings records and the full names of their properties, as an operator writes them. */
final class SettingsRecords {

    /** A property; {@code map}: its keys are the operator's ({@code legal-hold.nfra}). */
    record Property(String name, boolean map, Class<?> owner) {
    }

    private SettingsRecords() {
    }

    static List<Class<?>> all() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> records = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.complaintflow")) {
            records.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), null));
        }
        records.sort(Comparator.comparing(Class::getName));
        return records;
    }

    static List<Property> properties() {
        List<Property> properties = new ArrayList<>();
        for (Class<?> type : all()) {
            String prefix = AnnotatedElementUtils.findMergedAnnotation(type, ConfigurationProperties.class).prefix();
            collect(type, prefix, type, properties);
        }
        return properties;
    }

    private static void collect(Class<?> type, String prefix, Class<?> owner, List<Property> into) {
        if (!type.isRecord()) {
            throw new AssertionError(owner.getName() + ": settings are records (" + type.getName() + " is not)");
        }
        RecordComponent[] components = type.getRecordComponents();
        Constructor<?> canonical;
        try {
            canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        Parameter[] parameters = canonical.getParameters();
        for (int i = 0; i < components.length; i++) {
            Name renamed = parameters[i].getAnnotation(Name.class);
            String name = prefix + "." + (renamed != null ? renamed.value() : dashed(components[i].getName()));
            Class<?> componentType = components[i].getType();
            if (componentType.isRecord()) {
                collect(componentType, name, owner, into);
            } else {
                into.add(new Property(name, Map.class.isAssignableFrom(componentType), owner));
            }
        }
    }

    /** {@code checkInterval} → {@code check-interval}, as Spring Boot's documentation names properties. */
    static String dashed(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
