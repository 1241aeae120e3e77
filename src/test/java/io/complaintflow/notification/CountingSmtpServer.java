package io.complaintflow.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server for what GreenMail does not show: how many connections the mails came over, and a recipient
 * refused ({@code 550} to {@code RCPT TO} for an address starting with {@code refused}). Keeps the recipients of each
 * mail it took.
 */
final class CountingSmtpServer implements AutoCloseable {

    final AtomicInteger connections = new AtomicInteger();
    /** The recipients of each mail taken, in order. */
    final List<List<String>> mails = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "counting-smtp");
        t.setDaemon(true);
        return t;
    });

    CountingSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    pool.submit(() -> session(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    private void session(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream out = socket.getOutputStream()) {
            reply(out, "220 counting ESMTP");
            List<String> recipients = new CopyOnWriteArrayList<>();
            boolean data = false;
            String line;
            while ((line = in.readLine()) != null) {
                if (data) {
                    if (line.equals(".")) {
                        data = false;
                        mails.add(List.copyOf(recipients));
                        recipients.clear();
                        reply(out, "250 2.0.0 taken");
                    }
                    continue;
                }
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250-counting\r\n250 8BITMIME");
                    case "MAIL", "RSET" -> {
                        recipients.clear();
                        reply(out, "250 2.0.0 OK");
                    }
                    case "RCPT" -> {
                        String to = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                        if (to.startsWith("refused")) {
                            reply(out, "550 5.1.1 <" + to + ">: no such mailbox");
                        } else {
                            recipients.add(to);
                            reply(out, "250 2.1.5 OK");
                        }
                    }
                    case "DATA" -> {
                        data = true;
                        reply(out, "354 go ahead");
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "250 2.0.0 OK");
                }
            }
        } catch (IOException gone) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
