package io.complaintflow.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;

/**
 * Camunda's REST resources find the process engine anew for every resource they create — several per request — with
 * {@code ServiceLoader.load(ProcessEngineProvider.class)}, which asks the thread's context class loader for every
 * {@code META-INF/services} file of that name: in the packaged jar a walk through all nested jars and a read of the
 * file found, 5 % of the HTTP threads' CPU (bench/README.md, "the request's own cost"). While Camunda's REST API
 * answers, the context class loader is {@link ProviderFiles}: the same loader, except that it hands out the provider
 * file read once. The file comes from the application's jar and cannot change while it runs.
 */
final class EngineProviderLookup implements Filter {

    private volatile ProviderFiles loader;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        if (original == null) {
            chain.doFilter(request, response);
            return;
        }
        ProviderFiles files = loader;
        if (files == null || files.getParent() != original) {
            files = new ProviderFiles(original); // the server's loader is the same for all its threads: built once
            loader = files;
        }
        thread.setContextClassLoader(files);
        try {
            chain.doFilter(request, response);
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    /** Its parent in everything (classes, resources) but the provider file, which it keeps a copy of. */
    static final class ProviderFiles extends ClassLoader {

        static final String PROVIDER_FILE = "META-INF/services/" + ProcessEngineProvider.class.getName();

        static {
            registerAsParallelCapable();
        }

        private final List<URL> copies;

        ProviderFiles(ClassLoader parent) {
            super(parent);
            List<URL> found = new ArrayList<>();
            try {
                for (URL url : Collections.list(parent.getResources(PROVIDER_FILE))) {
                    byte[] content;
                    try (InputStream in = url.openStream()) {
                        content = in.readAllBytes();
                    }
                    found.add(new URL(null, "copy:" + url, new Copy(content)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + PROVIDER_FILE, e);
            }
            this.copies = List.copyOf(found);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return PROVIDER_FILE.equals(name) ? Collections.enumeration(copies) : super.getResources(name);
        }

        @Override
        public URL getResource(String name) {
            return PROVIDER_FILE.equals(name) ? (copies.isEmpty() ? null : copies.get(0)) : super.getResource(name);
        }
    }

    private static final class Copy extends URLStreamHandler {

        private final byte[] content;

        Copy(byte[] content) {
            this.content = content;
        }

        @Override
        protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
                @Override
                public void connect() {
                    connected = true;
                }

                @Override
                public InputStream getInputStream() {
                    return new ByteArrayInputStream(content);
                }
            };
        }
    }
}
