package org.ncmcp.e2e.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Keycloak 26 that tests use as the upstream IdP, with realm {@value #REALM} imported from
 * {@code src/test/resources/keycloak/nextcloud-mcp-realm.json} (clients mcp-broker, nextcloud, test-cli; users alice,
 * bob and carol, whose password is {@code <name>-password}).
 *
 * <p>One per test JVM: {@link #get()} starts it on first use (about 20-30 s; the first run ever also builds it, ~30 s
 * more) and a shutdown hook stops it. If the environment variable {@code KEYCLOAK_URL} is set (e.g.
 * {@code http://127.0.0.1:18080}), that running Keycloak is used instead; its realm must already be imported, and
 * {@link #adminToken()} then needs {@code KEYCLOAK_ADMIN_USERNAME} (default {@code admin}) and
 * {@code KEYCLOAK_ADMIN_PASSWORD}.
 */
public final class KeycloakServer {

    public static final String REALM = "nextcloud-mcp";
    static final String REALM_RESOURCE = "/keycloak/nextcloud-mcp-realm.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration EXTERNAL_TIMEOUT = Duration.ofSeconds(240);

    private static KeycloakServer instance;
    private static RuntimeException startFailure;

    private final URI baseUrl;
    private final String adminUsername;
    private final String adminPassword;
    private final KeycloakProcess process;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private JsonNode discovery;

    private KeycloakServer(URI baseUrl, String adminUsername, String adminPassword, KeycloakProcess process) {
        this.baseUrl = baseUrl;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.process = process;
    }

    /** The Keycloak of this test JVM, started (or, with KEYCLOAK_URL, reached) on first use. */
    public static synchronized KeycloakServer get() {
        if (startFailure != null) {
            throw new IllegalStateException("Keycloak failed to start earlier in this JVM: " + startFailure.getMessage(), startFailure);
        }
        if (instance == null) {
            try {
                instance = startFromEnvironment();
            } catch (RuntimeException e) {
                startFailure = e; // one slow failure per JVM, not one per test
                throw e;
            }
        }
        return instance;
    }

    private static KeycloakServer startFromEnvironment() {
        String external = System.getenv("KEYCLOAK_URL");
        if (external != null && !external.isBlank()) {
            KeycloakServer server = new KeycloakServer(URI.create(external.strip().replaceAll("/+$", "")),
                    Optional.ofNullable(System.getenv("KEYCLOAK_ADMIN_USERNAME")).orElse("admin"),
                    System.getenv("KEYCLOAK_ADMIN_PASSWORD"), null);
            server.awaitReady(Instant.now().plus(EXTERNAL_TIMEOUT), Instant.now());
            return server;
        }
        return start(KeycloakProcess.Settings.fromSystemProperties());
    }

    /** Starts a Keycloak of our own with these settings and waits until the realm answers; stopped at JVM exit. */
    static KeycloakServer start(KeycloakProcess.Settings settings) {
        Instant started = Instant.now();
        KeycloakProcess process;
        try {
            process = KeycloakProcess.launch(settings, REALM_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("could not launch Keycloak: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::stop, "keycloak-stop"));
        KeycloakServer server = new KeycloakServer(process.baseUrl(), process.adminUsername(), process.adminPassword(), process);
        try {
            server.awaitReady(started.plus(settings.startupTimeout()), started);
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        return server;
    }

    /** Polls the realm's discovery document until it answers 200 with the pinned issuer, the process dies, or the deadline. */
    private void awaitReady(Instant deadline, Instant started) {
        String lastProblem = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(process.describe() + " exited with " + process.exitCode().orElse(-1)
                        + " before it was ready; last lines of " + process.log() + ":\n" + process.logTail());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(discoveryUrl()).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode document = JSON.readTree(response.body());
                    if (!issuer().equals(document.path("issuer").asString())) {
                        throw new IllegalStateException("Keycloak at " + baseUrl + " announces issuer " + document.path("issuer")
                                + ", expected " + issuer() + (process == null ? "; start it with --hostname=" + baseUrl : ""));
                    }
                    discovery = document;
                    System.out.printf("Keycloak ready at %s after %.1f s%s%n", issuer(),
                            Duration.between(started, Instant.now()).toMillis() / 1000.0,
                            process == null ? " (external, KEYCLOAK_URL)" : " (" + process.describe() + ", log " + process.log() + ")");
                    return;
                }
                lastProblem = "HTTP " + response.statusCode() + " from " + discoveryUrl();
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            KeycloakProcess.pause(POLL_INTERVAL);
        }
        String waited = Duration.between(started, Instant.now()).toSeconds() + " s";
        if (process == null) {
            throw new IllegalStateException("Keycloak at KEYCLOAK_URL=" + baseUrl + " did not serve realm " + REALM + " within "
                    + waited + " (" + lastProblem + "); is it running with the realm imported?");
        }
        throw new IllegalStateException(process.describe() + " did not serve " + discoveryUrl() + " within " + waited + " ("
                + lastProblem + "); last lines of " + process.log() + ":\n" + process.logTail());
    }

    public boolean isExternal() {
        return process == null;
    }

    /** Keycloak's own output, when we started it. */
    public Optional<Path> logFile() {
        return Optional.ofNullable(process).map(KeycloakProcess::log);
    }

    /** The JDK Keycloak runs on, when we started it. */
    public Optional<Path> javaHome() {
        return Optional.ofNullable(process).map(KeycloakProcess::javaHome);
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** {@code http://127.0.0.1:<port>/realms/nextcloud-mcp}: the same whichever host name a client used. */
    public String issuer() {
        return baseUrl + "/realms/" + REALM;
    }

    public URI discoveryUrl() {
        return URI.create(issuer() + "/.well-known/openid-configuration");
    }

    /** The discovery document as read when Keycloak became ready. */
    public JsonNode discovery() {
        return discovery;
    }

    public URI authorizationEndpoint() {
        return URI.create(discovery.path("authorization_endpoint").asString());
    }

    public URI tokenEndpoint() {
        return URI.create(discovery.path("token_endpoint").asString());
    }

    public URI introspectionEndpoint() {
        return URI.create(discovery.path("introspection_endpoint").asString());
    }

    public URI registrationEndpoint() {
        return URI.create(discovery.path("registration_endpoint").asString());
    }

    /**
     * An authorization request (response_type=code) for a browser or {@link KeycloakFormLogin}; {@code pkce} may be null
     * to show that Keycloak refuses clients that must use PKCE.
     */
    public URI authorizationRequest(String clientId, String redirectUri, String scope, String state, Pkce pkce) {
        Map<String, String> query = form("response_type", "code", "client_id", clientId, "redirect_uri", redirectUri,
                "scope", scope, "state", state);
        if (pkce != null) {
            query.put("code_challenge", pkce.challenge());
            query.put("code_challenge_method", "S256");
        }
        return URI.create(authorizationEndpoint() + "?" + encode(query));
    }

    /** The admin REST API of our realm, e.g. {@code adminUrl("/clients?clientId=mcp-broker")}. */
    public URI adminUrl(String path) {
        return URI.create(baseUrl + "/admin/realms/" + REALM + path);
    }

    /** Resource owner password grant with a public client (test-cli), scope {@code openid}. Errors are returned, not thrown. */
    public TokenResponse passwordGrant(String clientId, String username, String password) {
        return passwordGrant(clientId, username, password, "openid");
    }

    public TokenResponse passwordGrant(String clientId, String username, String password, String scope) {
        return token(null, null, form("grant_type", "password", "client_id", clientId, "username", username,
                "password", password, "scope", scope));
    }

    /**
     * A POST to the token endpoint with a form; with {@code clientId} and {@code clientSecret} the client authenticates
     * with HTTP Basic (client_secret_basic), otherwise the form must name a public client.
     */
    public TokenResponse token(String clientId, String clientSecret, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenEndpoint()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (clientId != null) {
            request.header("Authorization", basic(clientId, clientSecret));
        }
        HttpResponse<String> response = send(request);
        return new TokenResponse(response.statusCode(), JSON.readTree(response.body()));
    }

    /** An access token of the bootstrap admin (master realm, admin-cli), for the admin REST API. */
    public String adminToken() {
        if (adminPassword == null) {
            throw new IllegalStateException("adminToken() with KEYCLOAK_URL needs KEYCLOAK_ADMIN_PASSWORD (and KEYCLOAK_ADMIN_USERNAME"
                    + " unless it is admin)");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form("grant_type", "password", "client_id", "admin-cli",
                        "username", adminUsername, "password", adminPassword))));
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            // the body is Keycloak's error object; it never echoes the password
            throw new IllegalStateException("admin login at " + baseUrl + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    /** Sends a request with this server's HTTP client (no redirects followed); IO failures become unchecked. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request to Keycloak failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A form from alternating names and values, in order. */
    public static Map<String, String> form(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    public static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** RFC 6749 §2.3.1: client id and secret are form-encoded before Basic encoding. */
    public static String basic(String user, String secret) {
        String pair = URLEncoder.encode(user, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + java.util.Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
