package io.complaintflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import org.camunda.bpm.spring.boot.starter.rest.spi.SpringBootProcessEngineProvider;
import org.junit.jupiter.api.Test;

class EngineProviderLookupTest {

    /** The application's loader, counting how often it is asked for the provider file. */
    static final class Counting extends ClassLoader {
        final AtomicInteger providerFileReads = new AtomicInteger();

        Counting(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.equals(EngineProviderLookup.ProviderFiles.PROVIDER_FILE)) {
                providerFileReads.incrementAndGet();
            }
            return super.getResources(name);
        }
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes());
        }
    }

    private static List<Class<?>> providers(ClassLoader loader) {
        return ServiceLoader.load(ProcessEngineProvider.class, loader).stream()
                .<Class<?>>map(ServiceLoader.Provider::type).toList();
    }

    @Test
    void camundasLookupFindsTheSameProviderWithoutAskingTheApplicationsLoaderAgain() throws Exception {
        Counting application = new Counting(getClass().getClassLoader());
        var files = new EngineProviderLookup.ProviderFiles(application);
        assertThat(application.providerFileReads).hasValue(1);

        // the same providers in the same order: Camunda takes the first (the webapps bring a second)
        List<Class<?>> expected = providers(getClass().getClassLoader());
        assertThat(expected).contains(SpringBootProcessEngineProvider.class);
        for (int i = 0; i < 3; i++) {
            assertThat(providers(files)).isEqualTo(expected);
        }
        assertThat(application.providerFileReads).hasValue(1);

        // the copy says what the file says; everything else is the application loader's
        List<URL> originals = Collections.list(application.getResources(EngineProviderLookup.ProviderFiles.PROVIDER_FILE));
        List<URL> copies = Collections.list(files.getResources(EngineProviderLookup.ProviderFiles.PROVIDER_FILE));
        assertThat(copies).hasSameSizeAs(originals);
        assertThat(read(copies.get(0))).isEqualTo(read(originals.get(0)));
        assertThat(files.getResource("application.yaml")).isEqualTo(application.getResource("application.yaml"));
        assertThat(files.loadClass(SpringBootProcessEngineProvider.class.getName()))
                .isSameAs(SpringBootProcessEngineProvider.class);
    }

    @Test
    void theRequestRunsUnderTheCopyAndTheThreadGetsItsLoaderBack() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        ClassLoader[] during = new ClassLoader[1];
        var filter = new EngineProviderLookup();
        filter.doFilter(null, null, (request, response) -> during[0] = Thread.currentThread().getContextClassLoader());
        assertThat(during[0]).isInstanceOf(EngineProviderLookup.ProviderFiles.class);
        assertThat(during[0].getParent()).isSameAs(before);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);

        ClassLoader[] again = new ClassLoader[1];
        filter.doFilter(null, null, (request, response) -> again[0] = Thread.currentThread().getContextClassLoader());
        assertThat(again[0]).isSameAs(during[0]);
    }
}
