package io.complaintflow;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * A settings record as the application binds it — its defaults, with the given {@code key=value} properties (full
 * names) on top — for tests that build a component without the application context.
 */
public final class TestSettings {

    private TestSettings() {
    }

    public static <T> T bind(Class<T> type, String... properties) {
        ConfigurationProperties annotation = AnnotatedElementUtils.findMergedAnnotation(type,
                ConfigurationProperties.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type + " is not a @ConfigurationProperties record");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String property : properties) {
            int eq = property.indexOf('=');
            map.put(property.substring(0, eq), property.substring(eq + 1));
        }
        return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate(annotation.prefix(), type);
    }
}
