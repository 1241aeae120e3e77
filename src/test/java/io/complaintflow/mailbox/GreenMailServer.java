package io.complaintflow.mailbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** GreenMail's IMAP server in this JVM (plain, or IMAPS with its own self-signed certificate). */
final class GreenMailServer extends ImapServer {

    private final GreenMail greenMail;
    private final ServerSetup setup;

    GreenMailServer(String protocol) {
        try (ServerSocket socket = new ServerSocket(0)) {
            setup = new ServerSetup(socket.getLocalPort(), "127.0.0.1", protocol);
            setup.setServerStartupTimeout(15_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        greenMail = new GreenMail(setup);
        greenMail.start();
    }

    @Override
    protected String clientProtocol() {
        return setup.getProtocol();
    }

    @Override
    String host() {
        return "127.0.0.1";
    }

    @Override
    int port() {
        return setup.getPort();
    }

    @Override
    String name() {
        return "GreenMail";
    }

    @Override
    protected void addUser(String user) {
        greenMail.setUser(user + "@complaintflow.test", user, PASSWORD);
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
