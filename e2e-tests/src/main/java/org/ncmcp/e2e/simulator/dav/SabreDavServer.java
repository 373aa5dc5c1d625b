package org.ncmcp.e2e.simulator.dav;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Debian's sabre/dav 1.8 under {@code php -S} on a free loopback port, in Nextcloud's URL layout
 * ({@code /remote.php/dav/files/<user>/}, {@code principals/users/<user>}, {@code calendars/<user>/},
 * {@code addressbooks/users/<user>/}; nextcloud-api.md §3 1.2). The script {@code dav/server.php} comes from the
 * class path. Users get a random password of this server's own: the simulator checks app passwords and forwards
 * with it, so revoking an app password in the simulator also locks the user out of DAV.
 */
public final class SabreDavServer implements DavBackend {

    private static final String SCRIPT = "/dav/server.php";
    private static final String SCHEMA = "/dav/schema.sql";
    private static final Duration STARTUP = Duration.ofSeconds(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Process process;
    private final Path directory;
    private final int port;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    private SabreDavServer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** Why sabre/dav cannot run here, or empty when it can (php-cli, php-sabre-dav, php-sqlite3, php-xml). */
    public static Optional<String> unavailableReason() {
        if (SabreDavServer.class.getResource(SCRIPT) == null) {
            return Optional.of("dav/server.php is not on the class path (it is a test resource of e2e-tests)");
        }
        try {
            Process probe = new ProcessBuilder("php", "-r",
                    "error_reporting(0); echo (int) (@include 'Sabre/autoload.php') && class_exists('PDO')"
                            + " && in_array('sqlite', PDO::getAvailableDrivers()) && extension_loaded('xml')"
                            + " && extension_loaded('dom') ? 'ok' : 'missing';")
                    .redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            probe.waitFor();
            return out.endsWith("ok") ? Optional.empty() : Optional.of("php lacks sabre/dav, pdo_sqlite or xml/dom"
                    + " (install with .ci/dav-packages.sh: php-cli php-sabre-dav php-sqlite3 php-xml php-mbstring)");
        } catch (IOException notInstalled) {
            return Optional.of("php is not installed (install with .ci/dav-packages.sh)");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing php");
        }
    }

    /** Starts the server in a fresh temporary directory; waits until it answers. */
    public static SabreDavServer start() {
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("sabre/dav cannot start: " + reason);
        });
        try {
            Path directory = Files.createTempDirectory("sabre-dav-");
            Path data = Files.createDirectories(directory.resolve("data"));
            Files.createDirectories(data.resolve("files"));
            copy(SCRIPT, directory.resolve("server.php"));
            copy(SCHEMA, directory.resolve("schema.sql"));
            Files.writeString(data.resolve("users.json"), "{}");
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder("php", "-S", "127.0.0.1:" + port, "server.php")
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("php.log").toFile());
            builder.environment().put("DAV_DATA", data.toString());
            // php -S serves one request at a time unless told otherwise (Linux, PHP >= 7.4).
            builder.environment().put("PHP_CLI_SERVER_WORKERS", "4");
            SabreDavServer server = new SabreDavServer(builder.start(), directory, port);
            server.awaitReady();
            return server;
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not start sabre/dav under php -S", failed);
        }
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** {@code files/<user>/} is {@code data/files/<user>}; server.php answers {@code oc:fileid} from {@code data/fileids.json}. */
    @Override
    public Optional<LocalFilesTree> localFiles() {
        return Optional.of(new LocalFilesTree(directory.resolve("data/files"), directory.resolve("data/fileids.json")));
    }

    /** This server's own password for the user, created (and written to users.json) on first use. */
    @Override
    public String passwordFor(String userId) {
        String known = passwords.get(userId);
        if (known != null) {
            return known;
        }
        synchronized (passwords) {
            return passwords.computeIfAbsent(userId, id -> {
                byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                String password = HexFormat.of().formatHex(bytes);
                Map<String, String> next = new java.util.HashMap<>(passwords);
                next.put(id, password);
                writeUsers(next);
                return password;
            });
        }
    }

    private void writeUsers(Map<String, String> users) {
        // Replaced atomically: PHP workers read the file on every request.
        String json = users.entrySet().stream()
                .map(e -> jsonString(e.getKey()) + ":" + jsonString(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
        try {
            Path temp = directory.resolve("data/users.json.tmp");
            Files.writeString(temp, json);
            Files.move(temp, directory.resolve("data/users.json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("php -S exited with " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
        close();
        throw new IllegalStateException("sabre/dav did not listen on port " + port + " within " + STARTUP.toSeconds()
                + " s: " + log());
    }

    private String log() {
        try {
            return Files.readString(directory.resolve("php.log"));
        } catch (IOException unreadable) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        // php -S with workers forks children that outlive a killed parent: stop them first.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = SabreDavServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the class path");
            }
            Files.copy(in, target);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
