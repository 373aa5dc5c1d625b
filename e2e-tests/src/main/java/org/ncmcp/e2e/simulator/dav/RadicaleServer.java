package org.ncmcp.e2e.simulator.dav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Debian's Radicale 3 ({@code python3 -m radicale}) on a free loopback port: a second real CalDAV/CardDAV server,
 * with a layout of its own. It is mounted under {@code /remote.php/dav} through {@code X-Script-Name}, so the
 * principal is {@code /remote.php/dav/<user>/} and that one collection is both the calendar home and the address
 * book home; nothing is at Nextcloud's {@code calendars/<user>/} or {@code addressbooks/users/<user>/}. Clients
 * that discover their homes through the principal work on both; clients that build Nextcloud paths do not.
 * Users are in a plain htpasswd file with a random password of this server's own (the simulator checks app
 * passwords and forwards with it); rights are {@code owner_only}. Like Nextcloud, a user's first request finds a
 * calendar {@code personal} ("Personal", VEVENT and VTODO) and an address book {@code contacts}. No files tree.
 */
public final class RadicaleServer implements DavBackend {

    /** Where Radicale is mounted, as Nextcloud mounts its DAV server. */
    public static final String PREFIX = "/remote.php/dav";
    /** Debian installs Radicale for the system Python; a python3 earlier on PATH (pyenv, venv) may lack it. */
    private static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Process process;
    private final Path directory;
    private final int port;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private RadicaleServer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** Why Radicale cannot run here, or empty when it can. */
    public static Optional<String> unavailableReason() {
        return python().isPresent() ? Optional.empty()
                : Optional.of("no python3 can import radicale (Debian: apt-get install radicale)");
    }

    /** The first Python that has Radicale. */
    private static Optional<String> python() {
        for (String candidate : PYTHONS) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import radicale")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return Optional.of(candidate);
                }
                probe.destroyForcibly();
            } catch (IOException notThere) {
                // try the next one
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Starts Radicale in a fresh temporary directory; returns once it answers HTTP. */
    public static RadicaleServer start() {
        String python = python().orElseThrow(() -> new IllegalStateException("Radicale cannot start: "
                + unavailableReason().orElse("")));
        try {
            Path directory = Files.createTempDirectory("radicale-");
            Files.createDirectories(directory.resolve("storage"));
            Files.writeString(directory.resolve("htpasswd"), "");
            int port = freePort();
            Files.writeString(directory.resolve("config"), config(directory, port));
            // -O: wsgiref asserts that applications send no hop-by-hop header; see "Connection: close" in config()
            Process process = new ProcessBuilder(python, "-O", "-m", "radicale", "--config",
                    directory.resolve("config").toString())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("radicale.log").toFile())
                    .start();
            RadicaleServer server = new RadicaleServer(process, directory, port);
            server.awaitReady();
            return server;
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not start Radicale", failed);
        }
    }

    private static String config(Path directory, int port) {
        return "[server]\nhosts = 127.0.0.1:" + port + "\n"
                + "[auth]\ntype = htpasswd\nhtpasswd_filename = " + directory.resolve("htpasswd") + "\n"
                // plain: the file is ours, in a private temporary directory; no failed logins to slow down
                + "htpasswd_encryption = plain\ndelay = 0\nrealm = Nextcloud\n"
                + "[rights]\ntype = owner_only\n"
                + "[storage]\nfilesystem_folder = " + directory.resolve("storage") + "\n"
                + "[web]\ntype = none\n"
                + "[logging]\nlevel = warning\nmask_passwords = True\n"
                // Radicale's server speaks HTTP/1.0 and closes every connection without saying so; the JDK client
                // would pool the connection and fail its next request on it. Saying so keeps it out of the pool.
                + "[headers]\nConnection = close\n";
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Radicale sees the path below the prefix; the prefix comes in {@code X-Script-Name}. */
    @Override
    public String requestPath(String davPath) {
        return davPath.startsWith(PREFIX + "/") ? davPath.substring(PREFIX.length()) : davPath;
    }

    @Override
    public Map<String, String> requestHeaders() {
        return Map.of("X-Script-Name", PREFIX);
    }

    /** This server's own password for the user; the first call adds the user and their default collections. */
    @Override
    public String passwordFor(String userId) {
        String known = passwords.get(userId);
        if (known != null) {
            return known;
        }
        synchronized (passwords) {
            return passwords.computeIfAbsent(userId, this::addUser);
        }
    }

    private String addUser(String userId) {
        // one path segment, and nothing that could break an htpasswd line
        if (!userId.matches("[A-Za-z0-9._@-]+") || userId.startsWith(".")) {
            throw new IllegalArgumentException("user id not usable as a Radicale user: " + userId);
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        try {
            // Radicale reads the file on every login
            Files.writeString(directory.resolve("htpasswd"), userId + ":" + password + "\n",
                    StandardOpenOption.APPEND);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        String authorization = "Basic " + Base64.getEncoder().encodeToString((userId + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        create(authorization, "MKCALENDAR", "/" + userId + "/personal/", "<c:mkcalendar xmlns:d=\"DAV:\""
                + " xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:set><d:prop><d:displayname>Personal</d:displayname>"
                + "<c:supported-calendar-component-set><c:comp name=\"VEVENT\"/><c:comp name=\"VTODO\"/>"
                + "</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>");
        create(authorization, "MKCOL", "/" + userId + "/contacts/", "<d:mkcol xmlns:d=\"DAV:\""
                + " xmlns:card=\"urn:ietf:params:xml:ns:carddav\"><d:set><d:prop><d:resourcetype><d:collection/>"
                + "<card:addressbook/></d:resourcetype><d:displayname>Contacts</d:displayname></d:prop></d:set>"
                + "</d:mkcol>");
        return password;
    }

    /** A default collection, made through Radicale's own DAV interface as the user. */
    private void create(String authorization, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/xml; charset=utf-8")
                .method(method, HttpRequest.BodyPublishers.ofString("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                        + body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("Radicale refused " + method + " " + path + ": "
                        + response.statusCode() + " " + response.body() + " " + log());
            }
        } catch (IOException failed) {
            throw new UncheckedIOException("Radicale did not answer " + method + " " + path + ": " + failed, failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning a Radicale user", interrupted);
        }
    }

    /** Polls the HTTP port until Radicale answers a request (any status: an anonymous OPTIONS is enough). */
    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP);
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUri() + "/")).timeout(Duration.ofSeconds(2))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String log = log();
                close();
                throw new IllegalStateException("Radicale exited with " + process.exitValue() + ": " + log);
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String log = log();
        close();
        throw new IllegalStateException("Radicale did not answer on port " + port + " within "
                + STARTUP.toSeconds() + " s: " + log);
    }

    /** Radicale's stderr (warnings and errors; passwords masked), for failure messages. */
    public String log() {
        try {
            return Files.readString(directory.resolve("radicale.log"));
        } catch (IOException unreadable) {
            return "(no log)";
        }
    }

    /** Stops Radicale; what it logged (warnings and errors only) goes to stderr first, as it is deleted then. */
    @Override
    public void close() {
        String log = log();
        if (!log.isBlank() && !log.equals("(no log)")) {
            System.err.println("Radicale on port " + port + " logged:\n" + log);
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
