package io.complaintflow.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Names Jakarta Mail's stream provider once for the node. Jakarta Mail looks its provider up for every header it
 * encodes or decodes and every body it writes ({@code StreamProvider.provider()}), and without a name that is a
 * {@code ServiceLoader} search of {@code META-INF/services} through every jar of the application (three class loaders
 * in turn): four of every five milliseconds of a sent mail in the bench's profile (issue #19, bench/README.md, "the
 * acknowledgement mail"). With the system property {@value #PROPERTY} set, Jakarta Mail instantiates the named class
 * instead. Set only when nothing set it before and the class is there; the provider is the one its own
 * {@code META-INF/services} names.
 */
@Component
public class MailStreams {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    private static final Logger LOG = LoggerFactory.getLogger(MailStreams.class);

    public MailStreams() {
        name(getClass().getClassLoader());
    }

    static boolean name(ClassLoader loader) {
        if (System.getProperty(PROPERTY) != null) {
            return false;
        }
        try {
            Class.forName(PROVIDER, false, loader);
        } catch (ClassNotFoundException e) {
            LOG.info("Jakarta Mail's stream provider {} not found: it is looked up for every mail", PROVIDER);
            return false;
        }
        System.setProperty(PROPERTY, PROVIDER);
        return true;
    }
}
