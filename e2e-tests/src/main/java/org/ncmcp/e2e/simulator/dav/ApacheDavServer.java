package org.ncmcp.e2e.simulator.dav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Apache httpd with mod_dav_fs serving {@code /remote.php/dav/files/<user>/} (nextcloud-api.md §3 1.3): the
 * "minimal RFC 4918 server" for differential tests. Weak ETags, no ETag on PUT, no {@code oc:} properties, no
 * principal. Each user may only reach their own folder ({@code Require expr}); another user's folder is refused
 * with 401 (Apache re-challenges when such an expression fails) where Nextcloud says 404. Runs in the foreground as a child process; as root, its workers run as www-data.
 */
public final class ApacheDavServer implements DavBackend {

    private static final Path HTTPD = Path.of("/usr/sbin/apache2");
    private static final Path MODULES = Path.of("/usr/lib/apache2/modules");
    private static final Duration STARTUP = Duration.ofSeconds(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Process process;
    private final Path directory;
    private final int port;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    private ApacheDavServer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** Why Apache mod_dav cannot run here, or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (!Files.isExecutable(HTTPD) || !Files.exists(MODULES.resolve("mod_dav_fs.so"))) {
            return Optional.of("Apache httpd with mod_dav_fs is not installed (Debian: apt-get install apache2)");
        }
        return Optional.empty();
    }

    public static ApacheDavServer start() {
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("Apache cannot start: " + reason);
        });
        try {
            Path directory = Files.createTempDirectory("apache-dav-");
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path files = Files.createDirectories(directory.resolve("files"));
            Path locks = Files.createDirectories(directory.resolve("locks"));
            Files.createDirectories(directory.resolve("run"));
            Files.writeString(directory.resolve("htpasswd"), "");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                giveToWebServer(files);
                giveToWebServer(locks);
            }
            int port = freePort();
            Files.writeString(directory.resolve("httpd.conf"), config(directory, port, root));
            Process process = new ProcessBuilder(HTTPD.toString(), "-f", directory.resolve("httpd.conf").toString(),
                    "-DFOREGROUND").redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile())
                    .start();
            ApacheDavServer server = new ApacheDavServer(process, directory, port);
            server.awaitReady();
            return server;
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not start Apache mod_dav", failed);
        }
    }

    private static String config(Path directory, int port, boolean root) {
        String files = directory.resolve("files").toString();
        String modules = Stream.of("mpm_event", "authn_core", "authn_file", "authz_core", "authz_user", "auth_basic",
                "alias", "dav", "dav_fs", "dav_lock", "mime")
                .filter(module -> Files.exists(MODULES.resolve("mod_" + module + ".so")))
                .map(module -> "LoadModule " + module + "_module " + MODULES.resolve("mod_" + module + ".so"))
                .reduce("", (a, b) -> a + b + "\n");
        return modules
                + "ServerName 127.0.0.1\nListen 127.0.0.1:" + port + "\n"
                + "ServerRoot " + directory + "\nDefaultRuntimeDir " + directory.resolve("run") + "\n"
                + "PidFile " + directory.resolve("run/httpd.pid") + "\n"
                + "ErrorLog " + directory.resolve("error.log") + "\nLogLevel warn\n"
                + (root ? "User www-data\nGroup www-data\n" : "")
                + "TypesConfig /etc/mime.types\n"
                + "DAVLockDB " + directory.resolve("locks/DAVLock") + "\n"
                + "Alias /remote.php/dav/files " + files + "\n"
                + "<Directory " + files + ">\n"
                + "  DAV On\n  Options None\n  AllowOverride None\n"
                + "  AuthType Basic\n  AuthName \"Nextcloud\"\n"
                + "  AuthBasicProvider file\n  AuthUserFile " + directory.resolve("htpasswd") + "\n"
                // only the user's own folder: /remote.php/dav/files/<user>/...
                + "  Require expr \"%{REQUEST_URI} =~ m#^/remote\\.php/dav/files/([^/]+)(/|$)#"
                + " && $1 == %{REMOTE_USER}\"\n"
                + "</Directory>\n";
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

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
        if (!userId.matches("[A-Za-z0-9._@-]+")) {
            throw new IllegalArgumentException("user id not usable as an Apache user and folder: " + userId);
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        try {
            Path home = Files.createDirectories(directory.resolve("files").resolve(userId));
            if ("root".equals(System.getProperty("user.name"))) {
                giveToWebServer(home);
            }
            // mod_authn_file reads the file on every request; {SHA} is a format it accepts everywhere
            String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
            Files.writeString(directory.resolve("htpasswd"), userId + ":{SHA}" + sha + "\n", StandardOpenOption.APPEND);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
        return password;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apache exited with " + process.exitValue() + ": " + logs());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
        close();
        throw new IllegalStateException("Apache did not listen on port " + port + " in time: " + logs());
    }

    private String logs() {
        try {
            return Files.readString(directory.resolve("stdout.log"))
                    + (Files.exists(directory.resolve("error.log")) ? Files.readString(directory.resolve("error.log"))
                            : "");
        } catch (IOException unreadable) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
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

    private static void giveToWebServer(Path path) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName("www-data");
        GroupPrincipal group = lookup.lookupPrincipalByGroupName("www-data");
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
