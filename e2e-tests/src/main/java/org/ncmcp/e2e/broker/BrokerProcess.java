package org.ncmcp.e2e.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The auth-broker as its own JVM, as in production: started from its executable jar with settings as
 * command-line arguments, ready when its health endpoint says UP. Separate processes keep the
 * broker's and mcp-resource's auto-configuration apart, and let tests run two broker replicas.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Quick start-up for tests: C1 only, small thread stacks. */
    public static final List<String> TEST_JVM_OPTIONS = List.of("-Xss512k", "-XX:TieredStopAtLevel=1");

    private final Process process;
    private final int port;
    private final Path log;

    private BrokerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a broker on {@code port} (0 picks a free one) with the given Spring settings, e.g.
     * {@code broker.upstream.issuer-uri}. Its output goes to {@code log}.
     */
    public static BrokerProcess start(int port, Map<String, String> settings, Path log) {
        return start(port, settings, log, TEST_JVM_OPTIONS);
    }

    /**
     * As {@link #start(int, Map, Path)} with these JVM options instead of {@link #TEST_JVM_OPTIONS} (e.g. none for a
     * benchmark, where the full JIT matters more than start-up time).
     */
    public static BrokerProcess start(int port, Map<String, String> settings, Path log, List<String> jvmOptions) {
        int chosen = port == 0 ? freePort() : port;
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", String.valueOf(chosen));
        all.putIfAbsent("broker.issuer", "http://127.0.0.1:" + chosen);
        all.putAll(settings);
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", locateJar().toString()));
        all.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            BrokerProcess broker = new BrokerProcess(process, chosen, log);
            broker.awaitHealthy();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the auth-broker", e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        long pause = 50;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the auth-broker exited with " + process.exitValue() + " during start-up:\n"
                        + tail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(pause); // polling for readiness with a deadline, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause = Math.min(pause * 2, 500);
        }
        close();
        throw new IllegalStateException("the auth-broker did not become healthy within " + START_TIMEOUT + ":\n" + tail());
    }

    /** The last lines of the broker's log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * The broker's executable jar: {@code BROKER_JAR}, or {@code auth-broker/target/*-exec.jar} found from
     * the working directory upwards (the build's reactor root, or a module folder inside it).
     */
    public static Path locateJar() {
        String configured = System.getenv("BROKER_JAR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path target = dir.resolve("auth-broker/target");
            if (Files.isDirectory(target)) {
                try (Stream<Path> files = Files.list(target)) {
                    var jar = files.filter(f -> f.getFileName().toString().matches("auth-broker-.*-exec\\.jar")).findFirst();
                    if (jar.isPresent()) {
                        return jar.get();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("auth-broker's executable jar was not found: run './mvnw -B install -DskipTests'"
                + " first, or set BROKER_JAR");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
