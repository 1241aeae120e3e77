package io.complaintflow.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Dovecot, started containerless by the test: its own configuration, port, mail directories, users and a
 * self-signed certificate (for STARTTLS) in a temporary folder; stopped with the test class. Where
 * {@code /usr/sbin/dovecot} is not installed the tests using it are skipped and say so
 * ({@code apt-get install -y dovecot-imapd}; .ci/run installs it).
 */
final class Dovecot extends ImapServer {

    static final Path BINARY = Path.of("/usr/sbin/dovecot");
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    private final Path dir;
    private final int port;
    private final Process process;

    private Dovecot(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Skips the calling test (with a "SKIPPED …" line) where Dovecot or openssl is not installed. */
    static Dovecot start() {
        boolean available = Files.isExecutable(BINARY) && Files.isExecutable(OPENSSL);
        if (!available) {
            System.out.println("SKIPPED Dovecot mailbox test: /usr/sbin/dovecot (or openssl) is not installed"
                    + " (apt-get install -y dovecot-imapd)");
        }
        Assumptions.assumeTrue(available, "Debian's dovecot-imapd is not installed");
        try {
            return launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Dovecot launch() throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("cf-dovecot-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String sub : new String[] {"run", "state", "home"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        // mail processes never run as root: as root, Debian's dovecot user owns the mail; otherwise we do
        String mailUser = root ? "dovecot" : System.getProperty("user.name");
        if (root) {
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal owner = lookup.lookupPrincipalByName("dovecot");
            GroupPrincipal group = lookup.lookupPrincipalByGroupName("dovecot");
            Files.setOwner(dir.resolve("home"), owner);
            Files.getFileAttributeView(dir.resolve("home"), PosixFileAttributeView.class).setGroup(group);
        }
        run(List.of(OPENSSL.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("dovecot.conf"), config(dir, port, mailUser, root));
        Process process = new ProcessBuilder(BINARY.toString(), "-F", "-c", dir.resolve("dovecot.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        Dovecot dovecot = new Dovecot(dir, port, process);
        Runtime.getRuntime().addShutdownHook(new Thread(dovecot::close));
        dovecot.awaitGreeting();
        return dovecot;
    }

    private static String config(Path dir, int port, String mailUser, boolean root) {
        String internal = root ? "dovecot" : mailUser;
        String login = root ? "dovenull" : mailUser;
        return """
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                protocols = imap
                listen = 127.0.0.1
                ssl = yes
                ssl_cert = <%1$s/cert.pem
                ssl_key = <%1$s/key.pem
                disable_plaintext_auth = no
                auth_mechanisms = plain login
                default_internal_user = %3$s
                default_internal_group = %3$s
                default_login_user = %4$s
                first_valid_uid = 1
                first_valid_gid = 1
                passdb {
                  driver = static
                  args = password=%6$s
                }
                userdb {
                  driver = static
                  args = uid=%5$s gid=%5$s home=%1$s/home/%%u
                }
                mail_location = maildir:~/Maildir
                service imap-login {
                  chroot =
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %2$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                service anvil {
                  chroot =
                }
                service stats {
                  unix_listener stats-reader {
                    mode = 0666
                  }
                  unix_listener stats-writer {
                    mode = 0666
                  }
                }
                """.formatted(dir, port, internal, login, mailUser, PASSWORD);
    }

    private void awaitGreeting() throws IOException, InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Dovecot did not start: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                socket.setSoTimeout(2000);
                byte[] greeting = new byte[64];
                int n = socket.getInputStream().read(greeting);
                if (n > 0 && new String(greeting, 0, n, StandardCharsets.US_ASCII).startsWith("* OK")) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("Dovecot did not answer on port " + port + ": " + log());
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }

    Path certificate() {
        return dir.resolve("cert.pem");
    }

    /** Dovecot's log (logins say whether they came over TLS). */
    String log() {
        try {
            Path log = dir.resolve("dovecot.log");
            return (Files.exists(log) ? Files.readString(log) : "")
                    + (Files.exists(dir.resolve("stdout.txt")) ? Files.readString(dir.resolve("stdout.txt")) : "");
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    String host() {
        return "127.0.0.1";
    }

    @Override
    int port() {
        return port;
    }

    @Override
    String name() {
        return "Dovecot";
    }

    /** Every user name logs in with {@link #PASSWORD} (a static passdb); its mail directory appears on first use. */
    @Override
    protected void addUser(String user) {
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (Boolean.getBoolean("dovecot.keep")) {
            System.out.println("Dovecot's folder kept: " + dir);
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder; the OS cleans up what is left
        }
    }
}
