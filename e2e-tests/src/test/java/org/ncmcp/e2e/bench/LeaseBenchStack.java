package org.ncmcp.e2e.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.ncmcp.e2e.broker.BrokerProcess;
import org.ncmcp.e2e.keycloak.KeycloakFormLogin;
import org.ncmcp.e2e.keycloak.KeycloakServer;
import org.ncmcp.e2e.keycloak.Pkce;
import org.ncmcp.e2e.keycloak.TokenResponse;
import org.ncmcp.e2e.oauth.HeadlessSignIn;
import org.ncmcp.e2e.oauth.McpOAuthClient;
import org.ncmcp.e2e.provisioning.HeadlessProvisioning;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.model.lease.LeaseProtocol;
import org.ncmcp.resource.McpResourceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The set-up of {@code bench/lease-load.sh}: embedded PostgreSQL, the simulated Nextcloud (also the broker's sign-in
 * service), the auth-broker (own JVM, full JIT), mcp-resource in multi-user mode with the lease client, and a real
 * Keycloak 26 for comparison. Provisions the bench people over HTTP (Login Flow v2, approved through the simulator's
 * test hook), gives each a note, checks that one lease, one Keycloak exchange and one tool call work, then writes
 * what wrk needs (URLs, client credentials, the people's tokens) to the file named by the first argument (mode
 * 0600: it holds tokens, so nothing of it goes to the log) and stays up until killed.
 *
 * <p>Not a test and not in CI: run it through the script.
 */
public final class LeaseBenchStack {

    /** Bench people: login name = user id; the password is {@code <name>-login-password} (simulator) or {@code <name>-password} (Keycloak). */
    static final List<String> PEOPLE = List.of("alice", "bob", "carol");
    static final String LEASE_SCOPE = "notes:read";
    static final String SIGN_IN_SCOPE = "notes:read notes:write";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BROKER_CLIENT = "mcp-broker-at-the-simulated-nextcloud-oidc-app";
    /** Keycloak's side of the comparison: the realm's confidential client that may exchange tokens (keycloak.md). */
    private static final String KEYCLOAK_CLIENT = "mcp-broker";
    private static final String KEYCLOAK_SECRET = "mcp-broker-secret";
    private static final String KEYCLOAK_CALLBACK = "/login/oauth2/code/upstream";

    private LeaseBenchStack() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: LeaseBenchStack <env file to write>");
            System.exit(2);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(LeaseBenchStack::stopAll, "lease-bench-shutdown"));
        try {
            run(Path.of(args[0]));
        } catch (Throwable failed) {
            failed.printStackTrace();
            System.exit(1); // the servers' threads would keep this JVM alive; the hook stops them
        }
    }

    /** What was started, stopped in reverse order at exit. */
    private static final java.util.Deque<AutoCloseable> STARTED = new java.util.concurrent.ConcurrentLinkedDeque<>();

    private static void stopAll() {
        for (AutoCloseable part = STARTED.pollLast(); part != null; part = STARTED.pollLast()) {
            try {
                part.close();
            } catch (Exception ignored) {
                // stopping anyway: its process goes with this JVM
            }
        }
    }

    private static void run(Path envFile) throws Exception {
        // Keycloak takes longest to start (20-40 s): in parallel with everything else
        CompletableFuture<KeycloakServer> keycloak = CompletableFuture.supplyAsync(KeycloakServer::get);

        NextcloudSimulator simulator = NextcloudSimulator.start(SimulatorOptions.defaults());
        STARTED.add(simulator);
        for (String person : PEOPLE) {
            simulator.state().addUser(person, person, capitalise(person), person + "-login-password");
        }
        String brokerSecret = randomSecret();
        simulator.oidc().addBrokerClient(BROKER_CLIENT, brokerSecret);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        STARTED.add(postgres);

        int brokerPort = BrokerProcess.freePort();
        int resourcePort = BrokerProcess.freePort();
        String issuer = "http://127.0.0.1:" + brokerPort;
        String resourceUri = "http://127.0.0.1:" + resourcePort + "/mcp";
        String leaseClientSecret = randomSecret();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("broker.issuer", issuer);
        settings.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        settings.put("spring.datasource.username", "postgres");
        settings.put("broker.keys.encryption-key", Base64.getEncoder().encodeToString(randomBytes(32)));
        settings.put("broker.upstream.issuer-uri", trimSlash(simulator.baseUri().toString()));
        settings.put("broker.upstream.client-id", BROKER_CLIENT);
        settings.put("broker.upstream.client-secret", brokerSecret);
        settings.put("broker.resources", resourceUri);
        settings.put("broker.nextcloud.url", trimSlash(simulator.baseUri().toString()));
        settings.put("broker.lease-client.client-secret", leaseClientSecret);
        settings.put("broker.provisioning.poll-interval", "1s");
        // the people's MCP tokens are the subject tokens of every lease request: valid for the whole run
        settings.put("broker.access-token-ttl", "1h");
        settings.put("logging.level.root", "WARN");
        // default JVM flags (full JIT), as in production; tests use C1 only for a quick start
        BrokerProcess broker = BrokerProcess.start(brokerPort, settings, Path.of("target/bench/broker.log"),
                brokerJvmOptions());
        STARTED.add(broker);

        ConfigurableApplicationContext resource = new SpringApplicationBuilder(McpResourceApplication.class).run(
                "--server.port=" + resourcePort, "--mcp.auth.issuer=" + issuer, "--mcp.auth.resource-uri=" + resourceUri,
                "--nextcloud.url=" + simulator.baseUri(), "--mcp.auth.lease.client-secret=" + leaseClientSecret,
                // the lease-cache counters are read over HTTP by the script (with a person's token: multi-user mode)
                "--management.endpoints.web.exposure.include=health,info,metrics",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN");

        STARTED.add(resource);

        HeadlessProvisioning provisioning = new HeadlessProvisioning(issuer, simulator.baseUri());
        List<String> mcpTokens = new ArrayList<>();
        List<String> noteIds = new ArrayList<>();
        for (String person : PEOPLE) {
            McpOAuthClient client = new McpOAuthClient(issuer, "http://127.0.0.1:33418/callback");
            client.register("Lease benchmark (" + person + ")");
            String token = client.signIn(new HeadlessSignIn(person, person + "-login-password"), SIGN_IN_SCOPE, resourceUri)
                    .get("access_token").asString();
            String connected = provisioning.connect(new HeadlessSignIn(person, person + "-login-password"), person,
                    SIGN_IN_SCOPE, Duration.ofSeconds(60));
            require(person.equals(connected), "the broker connected " + person + " as Nextcloud user '" + connected + "'");
            JsonNode created = toolCall(resourceUri, token, "nc_notes_create_note", "{\"title\":\"Benchmark note of "
                    + person + "\",\"content\":\"" + "lorem ipsum ".repeat(40).trim() + "\",\"category\":\"Bench\"}");
            mcpTokens.add(token);
            noteIds.add(created.path("structuredContent").path("id").asString());
            System.out.println("Provisioned " + person + " (Login Flow v2) with a note");
        }

        String leaseAuth = KeycloakServer.basic("mcp-resource", leaseClientSecret);
        for (String token : mcpTokens) {
            HttpResponse<String> lease = post(issuer + "/oauth2/token", leaseAuth, leaseForm(token));
            require(lease.statusCode() == 200 && lease.body().contains(LeaseProtocol.REQUESTED_TOKEN_TYPE),
                    "a lease request was refused: HTTP " + lease.statusCode());
        }
        for (int i = 0; i < PEOPLE.size(); i++) {
            JsonNode read = toolCall(resourceUri, mcpTokens.get(i), "nc_notes_get_note", "{\"noteId\":" + noteIds.get(i) + "}");
            require(!read.path("isError").asBoolean(true), "nc_notes_get_note failed for " + PEOPLE.get(i));
        }

        KeycloakServer kc = keycloak.join();
        // Keycloak's subject tokens must outlive the run too (the realm's default is 5 minutes)
        HttpResponse<String> realm = kc.send(HttpRequest.newBuilder(URI.create(kc.baseUrl() + "/admin/realms/"
                + KeycloakServer.REALM)).header("Authorization", "Bearer " + kc.adminToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"accessTokenLifespan\":3600}")));
        require(realm.statusCode() == 204, "could not lengthen Keycloak's token lifespan: HTTP " + realm.statusCode());
        List<String> keycloakTokens = new ArrayList<>();
        for (String person : PEOPLE) {
            String token = keycloakLogin(kc, person);
            TokenResponse exchanged = kc.token(KEYCLOAK_CLIENT, KEYCLOAK_SECRET, keycloakExchangeForm(token));
            require(exchanged.ok(), "Keycloak refused the token exchange: " + exchanged.error() + " "
                    + exchanged.errorDescription());
            keycloakTokens.add(token);
        }

        Map<String, String> env = new LinkedHashMap<>();
        env.put("BROKER_TOKEN_URL", issuer + "/oauth2/token");
        env.put("LEASE_AUTH", leaseAuth);
        env.put("LEASE_SCOPE", LEASE_SCOPE);
        env.put("LEASE_SUBJECT_TOKENS", String.join(",", mcpTokens));
        env.put("KEYCLOAK_TOKEN_URL", kc.tokenEndpoint().toString());
        env.put("KEYCLOAK_AUTH", KeycloakServer.basic(KEYCLOAK_CLIENT, KEYCLOAK_SECRET));
        env.put("KEYCLOAK_SUBJECT_TOKENS", String.join(",", keycloakTokens));
        env.put("KEYCLOAK_JAVA", kc.javaHome().map(Path::toString).orElse("unknown (external)"));
        env.put("MCP_URL", resourceUri);
        env.put("MCP_TOKENS", String.join(",", mcpTokens));
        env.put("NOTE_IDS", String.join(",", noteIds));
        env.put("METRICS_URL", "http://127.0.0.1:" + resourcePort + "/actuator/metrics");
        env.put("BENCH_PEOPLE", String.valueOf(PEOPLE.size()));
        writeEnv(envFile, env);
        System.out.println("LEASE BENCH READY: broker " + issuer + ", mcp-resource " + resourceUri + ", Keycloak "
                + kc.issuer() + "; " + PEOPLE.size() + " people provisioned");
        new CountDownLatch(1).await(); // until the script kills this JVM; the shutdown hooks stop everything
    }

    /** The lease request mcp-resource sends (LeaseProtocol), for one person's MCP token. */
    static Map<String, String> leaseForm(String subjectToken) {
        return KeycloakServer.form(LeaseProtocol.PARAM_GRANT_TYPE, LeaseProtocol.GRANT_TYPE,
                LeaseProtocol.PARAM_SUBJECT_TOKEN, subjectToken,
                LeaseProtocol.PARAM_SUBJECT_TOKEN_TYPE, LeaseProtocol.SUBJECT_TOKEN_TYPE,
                LeaseProtocol.PARAM_REQUESTED_TOKEN_TYPE, LeaseProtocol.REQUESTED_TOKEN_TYPE,
                LeaseProtocol.PARAM_SCOPE, LEASE_SCOPE);
    }

    /** Keycloak's standard token exchange (V2) for a token with aud=nextcloud, as the token-exchange kind does it. */
    static Map<String, String> keycloakExchangeForm(String subjectToken) {
        return KeycloakServer.form("grant_type", LeaseProtocol.GRANT_TYPE, "subject_token", subjectToken,
                "subject_token_type", LeaseProtocol.SUBJECT_TOKEN_TYPE,
                "requested_token_type", LeaseProtocol.SUBJECT_TOKEN_TYPE,
                "audience", "nextcloud", "scope", "nextcloud-audience");
    }

    /** The person's Keycloak access token as the broker gets it at sign-in: authorization code with PKCE. */
    private static String keycloakLogin(KeycloakServer kc, String person) {
        Pkce pkce = Pkce.create();
        String redirectUri = "http://127.0.0.1:" + BrokerProcess.freePort() + KEYCLOAK_CALLBACK;
        URI back = KeycloakFormLogin.authorize(kc.authorizationRequest(KEYCLOAK_CLIENT, redirectUri, "openid", "bench",
                pkce), person, person + "-password");
        String code = null;
        for (String pair : back.getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                code = java.net.URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        require(code != null, "Keycloak sign-in of " + person + " gave no code");
        TokenResponse tokens = kc.token(KEYCLOAK_CLIENT, KEYCLOAK_SECRET, KeycloakServer.form("grant_type",
                "authorization_code", "code", code, "redirect_uri", redirectUri, "code_verifier", pkce.verifier()));
        require(tokens.ok(), "Keycloak code exchange failed: " + tokens.error());
        return tokens.accessToken();
    }

    private static JsonNode toolCall(String mcpUrl, String token, String tool, String arguments) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(mcpUrl))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        require(response.statusCode() == 200, tool + " answered HTTP " + response.statusCode());
        JsonNode result = JSON.readTree(response.body()).path("result");
        require(!result.path("isError").asBoolean(true), tool + " failed: " + result.path("content"));
        return result;
    }

    private static HttpResponse<String> post(String url, String authorization, Map<String, String> form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(KeycloakServer.encode(form))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Shell assignments, single-quoted; written to a private file first and moved into place when complete. */
    private static void writeEnv(Path file, Map<String, String> env) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder out = new StringBuilder();
        env.forEach((name, value) -> {
            require(!value.contains("'"), name + " contains a quote");
            out.append("export ").append(name).append("='").append(value).append("'\n");
        });
        Files.writeString(partial, out.toString());
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }

    private static String capitalise(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String trimSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** Extra JVM options for the broker, e.g. a JFR recording while profiling: {@code BENCH_BROKER_JAVA_OPTS}. */
    private static List<String> brokerJvmOptions() {
        String options = System.getenv().getOrDefault("BENCH_BROKER_JAVA_OPTS", "").trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    private static String randomSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
