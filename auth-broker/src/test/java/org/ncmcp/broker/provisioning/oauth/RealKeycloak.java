package org.ncmcp.broker.provisioning.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Keycloak 26 the project tests against (realm {@code nextcloud-mcp}, see
 * e2e-tests/src/test/resources/keycloak/README.md): the one at {@code KEYCLOAK_URL} (admin password in
 * {@code KEYCLOAK_ADMIN_PASSWORD}), one already running from the project's {@code .ci/keycloak.sh}, or one started
 * with that script for this test run and stopped when the run ends. Only the admin REST calls the broker tests need.
 */
final class RealKeycloak {

    static final String REALM = "nextcloud-mcp";
    static final String BROKER_CLIENT = "mcp-broker";
    static final String BROKER_SECRET = "mcp-broker-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static RealKeycloak instance;
    /** The script that started the Keycloak of this JVM, if it was this class. */
    private static Path started;

    private final URI base;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RealKeycloak(URI base, String adminPassword) {
        this.base = base;
        this.adminPassword = adminPassword;
    }

    /** Stops the Keycloak this JVM started (a running or external one is left alone). */
    synchronized void stopIfOurs() {
        if (started != null) {
            run(started, "stop");
            started = null;
        }
    }

    static synchronized RealKeycloak get() {
        if (instance == null) {
            instance = startOrReach();
        }
        return instance;
    }

    private static RealKeycloak startOrReach() {
        String external = System.getenv("KEYCLOAK_URL");
        if (external != null && !external.isBlank()) {
            return new RealKeycloak(URI.create(external.strip().replaceAll("/+$", "")),
                    System.getenv("KEYCLOAK_ADMIN_PASSWORD"));
        }
        Path root = repositoryRoot();
        Path script = root.resolve(".ci/keycloak.sh");
        String url = tryRun(script, "status");
        if (url == null) {
            // ours: started now (the first start in a fresh checkout also unpacks and builds it), stopped when the
            // test run ends (TwoBrokers.close), or at the latest when the JVM exits
            url = run(script, "start").strip();
            started = script;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (instance != null) {
                    instance.stopIfOurs();
                }
            }, "keycloak-stop"));
        }
        System.out.println("Broker tests use Keycloak at " + url.strip());
        try {
            String password = Files.readString(root.resolve("target/keycloak-ci/admin-password")).strip();
            return new RealKeycloak(URI.create(url.strip()), password);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak started, but its admin password file is missing", e);
        }
    }

    /** @return the output, or null when the command failed */
    private static String tryRun(Path script, String command) {
        try {
            Process process = new ProcessBuilder("bash", script.toString(), command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0 ? out.strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String run(Path script, String command) {
        try {
            Process process = new ProcessBuilder("bash", script.toString(), command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(6, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(".ci/keycloak.sh " + command + " failed (see the output above)");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(".ci/keycloak.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no .ci/keycloak.sh above " + Path.of("").toAbsolutePath());
    }

    String issuer() {
        return base + "/realms/" + REALM;
    }

    URI tokenEndpoint() {
        return URI.create(issuer() + "/protocol/openid-connect/token");
    }

    /** A refresh grant by the broker's client, as the broker would send it; the raw answer. */
    HttpResponse<String> refreshAsBroker(String refreshToken) {
        String basic = java.util.Base64.getEncoder().encodeToString((BROKER_CLIENT + ":" + BROKER_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(tokenEndpoint()).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "refresh_token",
                        "refresh_token", refreshToken)))));
    }

    String userId(String username) {
        return admin("GET", "/users?exact=true&username=" + username, null).get(0).path("id").asString();
    }

    /** How many refresh grants Keycloak recorded for the user and the broker's client (realm events). */
    int refreshGrants(String userId) {
        JsonNode events = admin("GET", "/events?type=REFRESH_TOKEN&client=" + BROKER_CLIENT + "&user=" + userId
                + "&max=1000", null);
        return events.size();
    }

    /** Realm settings the tests rely on: every refresh token single-use (rotation enforced), and events recorded. */
    void enforceRotationAndRecordEvents() {
        admin("PUT", "", "{\"revokeRefreshToken\":true,\"refreshTokenMaxReuse\":0,\"eventsEnabled\":true,"
                + "\"enabledEventTypes\":[\"REFRESH_TOKEN\",\"REFRESH_TOKEN_ERROR\",\"CODE_TO_TOKEN\","
                + "\"TOKEN_EXCHANGE\",\"LOGIN\"]}");
    }

    /** The user withdraws the broker's access at Keycloak: its offline tokens stop working. */
    void revokeBrokerGrantsOf(String userId) {
        admin("DELETE", "/users/" + userId + "/consents/" + BROKER_CLIENT, null);
        admin("POST", "/users/" + userId + "/logout", "");
    }

    JsonNode admin(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + REALM + path))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " at Keycloak: HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private String adminToken() {
        if (adminPassword == null) {
            throw new IllegalStateException("set KEYCLOAK_ADMIN_PASSWORD for the Keycloak at KEYCLOAK_URL");
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base
                + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id",
                        "admin-cli", "username", "admin", "password", adminPassword)))));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak admin sign-in failed: HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
