package org.ncmcp.e2e.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * A Keycloak distribution (unpacked by the e2e-tests pom into {@code .tools/}) run as a child process: built once for
 * the prod profile with an in-memory H2 database (the build is cached in the distribution), then started with
 * {@code start --optimized} from a fresh per-run home, so no state survives from one run to the next.
 */
final class KeycloakProcess {

    /** The only build option we need: an in-memory database, so every start is a fresh, empty Keycloak. */
    static final String BUILD_OPTION = "--db=dev-mem";

    private static final String ADMIN_USERNAME = "admin";
    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 60;
    /** Which JVM made the build in lib/quarkus (a file of ours; .ci/keycloak.sh reads and writes it too). */
    private static final String BUILT_WITH = ".build-java";

    /*
     * The test JVM holds the write end of this script's stdin. When the JVM goes away for any reason (even kill -9),
     * `cat` sees end-of-file and Keycloak gets SIGTERM, so no Keycloak outlives its tests. kc.sh forwards SIGTERM to
     * its java child (which is a child, not kc.sh itself, when no build is needed: the PID caveat). The stdin copy on
     * fd 3 is needed because sh gives background jobs /dev/null as stdin.
     */
    private static final String GUARD_SCRIPT = """
            exec 3<&0
            "$0" "$@" </dev/null 3<&- &
            kc=$!
            { cat <&3 >/dev/null; kill -TERM "$kc" 2>/dev/null; } &
            exec 3<&-
            wait "$kc"
            """;

    /** Where and how to run; see {@link #fromSystemProperties()} for the defaults. */
    record Settings(String version, Path home, Path javaHome, Path runRoot, Duration startupTimeout) {

        static Settings fromSystemProperties() {
            String version = System.getProperty("keycloak.version", "26.7.3");
            Path home = Optional.ofNullable(System.getProperty("keycloak.home")).map(Path::of)
                    .orElseGet(() -> findUpwards(Path.of(".tools", "keycloak-" + version)));
            Path javaHome = Optional.ofNullable(System.getProperty("keycloak.java-home"))
                    .or(() -> Optional.ofNullable(System.getenv("KEYCLOAK_JAVA_HOME")))
                    .map(Path::of)
                    // Temurin 25 where installed: starts as fast or a little faster, ~100 MB less resident memory (measured)
                    .orElseGet(() -> Files.isExecutable(TEMURIN_25.resolve("bin/java")) ? TEMURIN_25
                            : Path.of(System.getProperty("java.home")));
            Path runRoot = Path.of(System.getProperty("keycloak.run-root", "target/keycloak"));
            Duration timeout = Duration.ofSeconds(Long.parseLong(System.getProperty("keycloak.startup-timeout-seconds", "240")));
            return new Settings(version, home.toAbsolutePath().normalize(), javaHome, runRoot.toAbsolutePath(), timeout);
        }

        /** Without surefire's system property (e.g. in an IDE): look for {@code .tools/} in the working directory or above. */
        private static Path findUpwards(Path relative) {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve(relative))) {
                    return dir.resolve(relative);
                }
            }
            return Path.of("..").resolve(relative);
        }
    }

    private final Settings settings;
    private final Path runDir;
    private final Path log;
    private final int port;
    private final String adminPassword;
    private Process process;

    private KeycloakProcess(Settings settings, Path runDir, int port, String adminPassword) {
        this.settings = settings;
        this.runDir = runDir;
        this.log = runDir.resolve("keycloak.log");
        this.port = port;
        this.adminPassword = adminPassword;
    }

    /** Builds if needed, prepares a fresh home with the realm to import, and starts Keycloak; does not wait for it. */
    static KeycloakProcess launch(Settings settings, String realmResource) throws IOException {
        requireDistribution(settings);
        ensureBuilt(settings);
        Files.createDirectories(settings.runRoot());
        Path runDir = Files.createTempDirectory(settings.runRoot(),
                "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-");
        prepareHome(settings.home(), runDir, realmResource);
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        KeycloakProcess keycloak = new KeycloakProcess(settings, runDir, freeLoopbackPort(), HexFormat.of().formatHex(secret));
        keycloak.start();
        return keycloak;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    String adminUsername() {
        return ADMIN_USERNAME;
    }

    String adminPassword() {
        return adminPassword;
    }

    Path log() {
        return log;
    }

    Path javaHome() {
        return settings.javaHome();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    String describe() {
        return "Keycloak " + settings.version() + " (java " + settings.javaHome() + ", home " + runDir + ")";
    }

    private void start() throws IOException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", GUARD_SCRIPT, runDir.resolve("bin/kc.sh").toString(),
                "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                // one issuer whatever Host a client uses (a browser on localhost, a server on 127.0.0.1)
                "--hostname=http://127.0.0.1:" + port,
                // no cluster: prod mode would otherwise open JGroups ports on every interface
                "--cache=local",
                "--import-realm"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(runDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("KEYCLOAK_") || name.startsWith("QUARKUS_")
                || name.startsWith("JAVA_OPTS") || name.equals("JAVA_ADD_OPENS") || name.equals("DEBUG"));
        env.put("JAVA_HOME", settings.javaHome().toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        process = builder.start();
    }

    /** SIGTERM to Keycloak's JVM, then wait for the whole tree to exit; force it after a deadline. Idempotent. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        tree.stream().filter(KeycloakProcess::isJava).forEach(ProcessHandle::destroy);
        try {
            process.getOutputStream().close(); // ends the guard's `cat`, in case java was not found above
        } catch (IOException ignored) {
            // already closed: nothing left to signal
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
        removeLinks(runDir);
    }

    /** The last lines of Keycloak's output, for failure messages. */
    String logTail() {
        return tail(log);
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    private static void requireDistribution(Settings settings) {
        if (!Files.isRegularFile(settings.home().resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak " + settings.version() + " is not unpacked at " + settings.home()
                    + ". Fetch it (176 MB from Maven Central, cached in ~/.m2) with:\n"
                    + "    ./mvnw -B -pl e2e-tests dependency:unpack@unpack-keycloak\n"
                    + "(the e2e-tests build does the same at generate-test-resources), or set KEYCLOAK_URL to use a running"
                    + " Keycloak that has e2e-tests/src/test/resources/keycloak/nextcloud-mcp-realm.json imported.");
        }
        if (!Files.isExecutable(settings.javaHome().resolve("bin/java"))) {
            throw new IllegalStateException("No java at " + settings.javaHome() + "/bin/java to run Keycloak with"
                    + " (set -Dkeycloak.java-home or KEYCLOAK_JAVA_HOME)");
        }
    }

    /**
     * Runs {@code kc.sh build --db=dev-mem} unless the distribution already holds that build. Keycloak records its
     * build options in {@code lib/quarkus/generated-bytecode.jar}; that record, not a marker of ours, is what we check,
     * so a build changed by hand (e.g. a start-dev) is noticed. A lock directory keeps two JVMs (or
     * {@code .ci/keycloak.sh}) from building at once.
     */
    static void ensureBuilt(Settings settings) throws IOException {
        if (isBuilt(settings)) {
            return;
        }
        Path lock = settings.home().resolve(".build.lock");
        Instant deadline = Instant.now().plus(BUILD_TIMEOUT);
        while (!tryLock(lock)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Another process has been building Keycloak for " + BUILD_TIMEOUT.toMinutes()
                        + " minutes (lock " + lock + "); remove the lock if no build is running");
            }
            pause(Duration.ofMillis(500));
        }
        try {
            if (isBuilt(settings)) {
                return;
            }
            Files.createDirectories(settings.runRoot());
            Path buildLog = settings.runRoot().resolve("build.log");
            System.out.println("Building Keycloak " + settings.version() + " (" + BUILD_OPTION + ", once, ~30 s); log: " + buildLog);
            // under the same guard as the server: a build must not outlive a killed test JVM (it holds the lock's place)
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", GUARD_SCRIPT,
                    settings.home().resolve("bin/kc.sh").toString(), "build", BUILD_OPTION)
                    .redirectErrorStream(true).redirectOutput(buildLog.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("JAVA_OPTS"));
            builder.environment().put("JAVA_HOME", settings.javaHome().toString());
            Instant buildStarted = Instant.now();
            Process build = builder.start();
            boolean finished = false;
            try {
                finished = build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } finally {
                if (!finished) {
                    build.descendants().forEach(ProcessHandle::destroyForcibly);
                    build.destroyForcibly();
                }
                build.getOutputStream().close();
            }
            if (!finished || build.exitValue() != 0 || !hasDevMemProdBuild(settings.home())) {
                throw new IllegalStateException("kc.sh build " + BUILD_OPTION + " failed (" + (finished ? "exit " + build.exitValue()
                        : "timed out") + "); last lines of " + buildLog + ":\n" + tail(buildLog));
            }
            Files.writeString(settings.home().resolve(BUILT_WITH), buildJava(settings) + "\n");
            System.out.printf("Keycloak built in %.1f s%n", Duration.between(buildStarted, Instant.now()).toMillis() / 1000.0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building Keycloak", e);
        } finally {
            unlock(lock);
        }
    }

    /**
     * Built for us, and by the JVM that will run it: Temurin 25 took 50-120 s to start a build made by Java 17 and
     * 19-21 s to start its own (measured), so the building JVM is recorded next to the build.
     */
    static boolean isBuilt(Settings settings) throws IOException {
        Path builtWith = settings.home().resolve(BUILT_WITH);
        return hasDevMemProdBuild(settings.home()) && Files.isRegularFile(builtWith)
                && Files.readString(builtWith).strip().equals(buildJava(settings));
    }

    private static String buildJava(Settings settings) throws IOException {
        return settings.javaHome().toRealPath().toString();
    }

    private static boolean hasDevMemProdBuild(Path home) {
        Path jar = home.resolve("lib/quarkus/generated-bytecode.jar");
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.getEntry("META-INF/keycloak-persisted.properties");
            if (entry == null) {
                return false;
            }
            Properties persisted = new Properties();
            try (InputStream in = zip.getInputStream(entry)) {
                persisted.load(in);
            }
            return "dev-mem".equals(persisted.getProperty("kc.db")) && "prod".equals(persisted.getProperty("kc.profile"));
        } catch (IOException e) {
            return false; // a half-written jar: build again
        }
    }

    /** The lock is a directory (atomic to create) holding the owner's pid, so a lock left by a dead process is taken over. */
    private static boolean tryLock(Path lock) throws IOException {
        try {
            Files.createDirectory(lock);
            Files.writeString(lock.resolve("pid"), Long.toString(ProcessHandle.current().pid()));
            return true;
        } catch (FileAlreadyExistsException held) {
            Optional<Long> owner = readPid(lock.resolve("pid"));
            if (owner.isPresent() && ProcessHandle.of(owner.get()).map(ProcessHandle::isAlive).orElse(false)) {
                return false;
            }
            if (owner.isEmpty() && Files.getLastModifiedTime(lock).toInstant().isAfter(Instant.now().minusSeconds(10))) {
                return false; // just created; the owner is about to write its pid
            }
            unlock(lock);
            return false; // retry on the next round
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void unlock(Path lock) throws IOException {
        Files.deleteIfExists(lock.resolve("pid"));
        Files.deleteIfExists(lock);
    }

    /**
     * A home of our own: kc.sh copied (it derives kc.home.dir from its own resolved path), the read-only parts of the
     * distribution linked (including the cached build in lib/), and a fresh data/ with the realm to import.
     */
    private static void prepareHome(Path distribution, Path runDir, String realmResource) throws IOException {
        Files.createDirectories(runDir.resolve("bin"));
        Files.copy(distribution.resolve("bin/kc.sh"), runDir.resolve("bin/kc.sh"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String part : List.of("lib", "conf", "providers", "themes")) {
            Files.createSymbolicLink(runDir.resolve(part), distribution.resolve(part));
        }
        Path importDir = Files.createDirectories(runDir.resolve("data/import"));
        try (InputStream realm = KeycloakProcess.class.getResourceAsStream(realmResource)) {
            if (realm == null) {
                throw new IllegalStateException("realm resource " + realmResource + " not on the test classpath");
            }
            Files.copy(realm, importDir.resolve(Path.of(realmResource).getFileName().toString()));
        }
    }

    /** After a stop: the links go (so nothing that cleans target/ can reach into .tools/); the log stays. */
    private static void removeLinks(Path runDir) {
        for (String part : List.of("lib", "conf", "providers", "themes")) {
            try {
                Files.deleteIfExists(runDir.resolve(part));
            } catch (IOException ignored) {
                // best effort; `mvn clean` does not follow links either
            }
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waiting between polls of something we cannot be notified about (another process's lock, a server coming up). */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
