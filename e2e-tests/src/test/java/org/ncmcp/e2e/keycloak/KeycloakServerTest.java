package org.ncmcp.e2e.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ncmcp.e2e.keycloak.KeycloakServer.form;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real Keycloak of the tests and the realm we import into it: what the auth-broker will rely on. */
class KeycloakServerTest {

    private static final String BROKER = "mcp-broker";
    private static final String BROKER_SECRET = "mcp-broker-secret";
    private static final String CALLBACK_PATH = "/login/oauth2/code/upstream";
    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static KeycloakServer keycloak;

    @BeforeAll
    static void startKeycloak() {
        keycloak = KeycloakServer.get();
    }

    @Test
    void discoveryAnnouncesThePinnedIssuerWhicheverHostNameTheClientUses() {
        assertThat(keycloak.discovery().path("issuer").asString()).isEqualTo(keycloak.issuer());
        assertThat(keycloak.issuer()).matches("http://127\\.0\\.0\\.1:\\d+/realms/nextcloud-mcp");
        assertThat(strings(keycloak.discovery().path("grant_types_supported"))).contains(TOKEN_EXCHANGE);
        assertThat(strings(keycloak.discovery().path("code_challenge_methods_supported"))).contains("S256");

        URI viaLocalhost = URI.create(keycloak.discoveryUrl().toString().replace("://127.0.0.1:", "://localhost:"));
        HttpResponse<String> response = keycloak.send(HttpRequest.newBuilder(viaLocalhost));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("issuer").asString()).isEqualTo(keycloak.issuer());
    }

    @Test
    void alicesPasswordGrantGivesHerJwt() {
        TokenResponse tokens = keycloak.passwordGrant("test-cli", "alice", "alice-password");

        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        JsonNode claims = tokens.accessTokenClaims();
        assertThat(claims.path("iss").asString()).isEqualTo(keycloak.issuer());
        assertThat(claims.path("preferred_username").asString()).isEqualTo("alice");
        assertThat(claims.path("email").asString()).isEqualTo("alice@example.test");
        assertThat(claims.path("given_name").asString()).isEqualTo("Alice");
        assertThat(claims.path("family_name").asString()).isEqualTo("Archer");
        assertThat(claims.path("azp").asString()).isEqualTo("test-cli");
        assertThat(strings(claims.path("roles"))).doesNotContain("nextcloud-mcp-admin");
        assertThat(Jwt.claims(tokens.idToken()).path("preferred_username").asString()).isEqualTo("alice");
    }

    @Test
    void bobsPasswordGrantGivesHisJwt() {
        TokenResponse tokens = keycloak.passwordGrant("test-cli", "bob", "bob-password");

        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(tokens.accessTokenClaims().path("preferred_username").asString()).isEqualTo("bob");
        assertThat(tokens.accessTokenClaims().path("sub").asString())
                .isNotEqualTo(keycloak.passwordGrant("test-cli", "alice", "alice-password").accessTokenClaims().path("sub").asString());
    }

    @Test
    void carolsAdminRoleIsInTheRolesClaim() {
        JsonNode claims = keycloak.passwordGrant("test-cli", "carol", "carol-password").accessTokenClaims();

        assertThat(claims.path("preferred_username").asString()).isEqualTo("carol");
        assertThat(strings(claims.path("roles"))).contains("nextcloud-mcp-admin");
    }

    @Test
    void aWrongPasswordIs400InvalidGrant() {
        TokenResponse tokens = keycloak.passwordGrant("test-cli", "alice", "not-alice-password");

        // RFC 6749 §5.2: invalid_grant is a 400; 401 is for invalid_client (Keycloak 26.7 follows it)
        assertThat(tokens.status()).isEqualTo(400);
        assertThat(tokens.error()).isEqualTo("invalid_grant");
        assertThat(tokens.accessToken()).isNull();
    }

    @Test
    void offlineAccessGivesAnOfflineRefreshToken() {
        TokenResponse tokens = keycloak.passwordGrant("test-cli", "alice", "alice-password", "openid offline_access");

        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(tokens.body().path("scope").asString().split(" ")).contains("offline_access");
        assertThat(Jwt.claims(tokens.refreshToken()).path("typ").asString()).isEqualTo("Offline");
        TokenResponse online = keycloak.passwordGrant("test-cli", "alice", "alice-password");
        assertThat(Jwt.claims(online.refreshToken()).path("typ").asString()).isEqualTo("Refresh");
    }

    @Test
    void brokerLoginWithPkceThenTokenExchangeGivesANextcloudToken() {
        TokenResponse login = brokerLogin("alice", "http://127.0.0.1:" + unusedPort() + CALLBACK_PATH);
        JsonNode loginClaims = login.accessTokenClaims();
        assertThat(loginClaims.path("azp").asString()).isEqualTo(BROKER);
        // Keycloak only exchanges tokens whose audience includes the requesting client: hence the aud-mcp-broker mapper
        assertThat(Jwt.audiences(loginClaims)).contains(BROKER).doesNotContain("nextcloud");

        TokenResponse exchanged = exchange(login.accessToken(), "nextcloud-audience");

        assertThat(exchanged.status()).as(exchanged.toString()).isEqualTo(200);
        assertThat(exchanged.body().path("issued_token_type").asString()).isEqualTo(ACCESS_TOKEN_TYPE);
        JsonNode claims = exchanged.accessTokenClaims();
        assertThat(Jwt.audiences(claims)).containsExactly("nextcloud");
        assertThat(claims.path("azp").asString()).isEqualTo(BROKER);
        assertThat(claims.path("preferred_username").asString()).isEqualTo("alice");
        assertThat(claims.path("sub").asString()).isEqualTo(loginClaims.path("sub").asString());

        // what Nextcloud (user_oidc) would do with it: introspect with its own client credentials
        HttpResponse<String> introspection = keycloak.send(HttpRequest.newBuilder(keycloak.introspectionEndpoint())
                .header("Authorization", KeycloakServer.basic("nextcloud", "nextcloud-secret"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(KeycloakServer.encode(form("token", exchanged.accessToken())))));
        JsonNode active = JSON.readTree(introspection.body());
        assertThat(active.path("active").asBoolean()).isTrue();
        assertThat(active.path("username").asString()).isEqualTo("alice");
    }

    @Test
    void tokenExchangeIsRefusedWithoutTheAudienceScopeOrForAnotherClientsToken() {
        TokenResponse login = brokerLogin("bob", "http://localhost:" + unusedPort() + CALLBACK_PATH);

        // nextcloud-audience is optional on mcp-broker, so login tokens never carry aud=nextcloud; the exchange asks for it
        TokenResponse withoutScope = exchange(login.accessToken(), null);
        assertThat(withoutScope.status()).isEqualTo(400);
        assertThat(withoutScope.errorDescription()).contains("Requested audience not available: nextcloud");

        TokenResponse testCliToken = keycloak.passwordGrant("test-cli", "bob", "bob-password");
        TokenResponse foreign = exchange(testCliToken.accessToken(), "nextcloud-audience");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.error()).isEqualTo("access_denied");
        assertThat(foreign.errorDescription()).isEqualTo("Client is not within the token audience");

        TokenResponse wrongSecret = keycloak.token(BROKER, "not-the-secret", form("grant_type", TOKEN_EXCHANGE,
                "subject_token", login.accessToken(), "subject_token_type", ACCESS_TOKEN_TYPE, "audience", "nextcloud"));
        assertThat(wrongSecret.status()).isEqualTo(401);
    }

    @Test
    void theBrokerMustUsePkce() {
        URI request = keycloak.authorizationRequest(BROKER, "http://127.0.0.1:" + unusedPort() + CALLBACK_PATH, "openid", "s1", null);

        HttpResponse<String> response = keycloak.send(HttpRequest.newBuilder(request));

        assertThat(response.statusCode()).isEqualTo(302);
        Map<String, String> redirect = query(URI.create(response.headers().firstValue("Location").orElseThrow()));
        assertThat(redirect).containsEntry("error", "invalid_request");
        assertThat(redirect.get("error_description")).contains("code_challenge_method");
    }

    @Test
    void brokerRedirectUrisAcceptAnyLoopbackPortButOnlyTheCallbackPath() {
        Pkce pkce = Pkce.create();
        for (String accepted : List.of("http://127.0.0.1:" + unusedPort() + CALLBACK_PATH, "http://localhost:" + unusedPort() + CALLBACK_PATH)) {
            HttpResponse<String> page = keycloak.send(HttpRequest.newBuilder(
                    keycloak.authorizationRequest(BROKER, accepted, "openid", "s", pkce)));
            assertThat(page.statusCode()).as(accepted).isEqualTo(200);
            assertThat(page.body()).as(accepted).contains("id=\"kc-form-login\"");
        }
        for (String refused : List.of("http://127.0.0.1:" + unusedPort() + "/login/oauth2/code/other",
                "http://example.test" + CALLBACK_PATH, "https://127.0.0.1:8443" + CALLBACK_PATH)) {
            HttpResponse<String> page = keycloak.send(HttpRequest.newBuilder(
                    keycloak.authorizationRequest(BROKER, refused, "openid", "s", pkce)));
            assertThat(page.statusCode()).as(refused).isEqualTo(400);
            assertThat(page.body()).as(refused).contains("Invalid parameter: redirect_uri");
        }
    }

    @Test
    void theAdminApiAnswersWithTheAdminToken() {
        HttpResponse<String> clients = keycloak.send(HttpRequest.newBuilder(keycloak.adminUrl("/clients?clientId=mcp-broker"))
                .header("Authorization", "Bearer " + keycloak.adminToken()));

        assertThat(clients.statusCode()).isEqualTo(200);
        JsonNode broker = JSON.readTree(clients.body()).path(0);
        assertThat(broker.path("publicClient").asBoolean()).isFalse();
        assertThat(broker.path("attributes").path("standard.token.exchange.enabled").asString()).isEqualTo("true");
        assertThat(broker.path("attributes").path("pkce.code.challenge.method").asString()).isEqualTo("S256");
    }

    @Test
    void loopbackClientsMayRegisterAnonymouslyAndSignInAfterConsent() {
        String redirectUri = "http://127.0.0.1:" + unusedPort() + "/callback";
        String clientId = registerPublicClient(redirectUri);

        Pkce pkce = Pkce.create();
        // registered clients need consent: KeycloakFormLogin accepts the consent page
        URI back = KeycloakFormLogin.authorize(keycloak.authorizationRequest(clientId, redirectUri, "openid offline_access", "dcr", pkce),
                "bob", "bob-password");
        Map<String, String> redirect = query(back);
        assertThat(redirect).containsEntry("state", "dcr").containsKey("code");
        TokenResponse tokens = keycloak.token(null, null, form("grant_type", "authorization_code", "client_id", clientId,
                "code", redirect.get("code"), "redirect_uri", redirectUri, "code_verifier", pkce.verifier()));
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(Jwt.claims(tokens.refreshToken()).path("typ").asString()).isEqualTo("Offline");
    }

    @Test
    void aMissingDistributionNamesTheMavenCommandThatFetchesIt() {
        KeycloakProcess.Settings defaults = KeycloakProcess.Settings.fromSystemProperties();
        KeycloakProcess.Settings missing = new KeycloakProcess.Settings(defaults.version(), Path.of("/nonexistent/keycloak"),
                defaults.javaHome(), defaults.runRoot(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> KeycloakServer.start(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/keycloak")
                .hasMessageContaining("./mvnw -B -pl e2e-tests dependency:unpack@unpack-keycloak");
    }

    @Test
    void signsInThroughKeycloaksLoginPageInChromium() throws Exception {
        inChromium((page, client) -> {
            // the browser uses localhost, Keycloak's issuer is 127.0.0.1: the pinned hostname keeps them one
            String redirectUri = "http://localhost:" + client.port() + CALLBACK_PATH;
            Pkce pkce = Pkce.create();
            page.navigate(keycloak.authorizationRequest(BROKER, redirectUri, "openid profile", "browser-state", pkce).toString());

            assertThatThrownBy(() -> KeycloakLoginPage.signIn(page, "alice", "wrong"))
                    .hasMessageContaining("Invalid username or password");
            KeycloakLoginPage.signIn(page, "alice", "alice-password");

            assertThat(page.textContent("h1")).isEqualTo("Signed in");
            Map<String, String> redirect = query(client.callback());
            assertThat(redirect).containsEntry("state", "browser-state").containsEntry("iss", keycloak.issuer());
            TokenResponse tokens = keycloak.token(BROKER, BROKER_SECRET, form("grant_type", "authorization_code",
                    "code", redirect.get("code"), "redirect_uri", redirectUri, "code_verifier", pkce.verifier()));
            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            assertThat(Jwt.claims(tokens.idToken()).path("preferred_username").asString()).isEqualTo("alice");
            assertThat(Jwt.claims(tokens.idToken()).path("aud").asString()).isEqualTo(BROKER);
        });
    }

    @Test
    void acceptsTheConsentPageForARegisteredClientInChromium() throws Exception {
        inChromium((page, client) -> {
            String redirectUri = "http://127.0.0.1:" + client.port() + CALLBACK_PATH;
            String clientId = registerPublicClient(redirectUri);
            page.navigate(keycloak.authorizationRequest(clientId, redirectUri, "openid", "consent-state", Pkce.create()).toString());

            KeycloakLoginPage.signIn(page, "bob", "bob-password"); // registered clients need consent; signIn gives it

            assertThat(page.textContent("h1")).isEqualTo("Signed in");
            assertThat(query(client.callback())).containsEntry("state", "consent-state").containsKey("code");
        });
    }

    /** Anonymous RFC 7591 registration, as the broker's DCR proxy will do it; Keycloak's policies allow loopback clients. */
    private static String registerPublicClient(String redirectUri) {
        HttpResponse<String> registered = keycloak.send(HttpRequest.newBuilder(keycloak.registrationEndpoint())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "client_name", "DCR test client " + UUID.randomUUID(),
                        "redirect_uris", List.of(redirectUri),
                        "grant_types", List.of("authorization_code", "refresh_token"),
                        "response_types", List.of("code"),
                        "token_endpoint_auth_method", "none",
                        "scope", "openid offline_access")))));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return JSON.readTree(registered.body()).path("client_id").asString();
    }

    /** A page in Debian's Chromium plus a tiny local "client" that captures the redirect; skipped without Chromium. */
    private static void inChromium(BrowserTest test) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println("SKIPPED KeycloakServerTest browser sign-in: " + CHROMIUM + " is missing (apt-get install chromium)");
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
        CallbackServer client = new CallbackServer();
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                     .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                     .setHeadless(true).setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync")))) {
            test.run(browser.newPage(), client);
        } finally {
            client.stop();
        }
    }

    private interface BrowserTest {
        void run(Page page, CallbackServer client) throws Exception;
    }

    /** The client's redirect endpoint: records the first request to the callback path and shows "Signed in". */
    private static final class CallbackServer {
        private final CompletableFuture<URI> callback = new CompletableFuture<>();
        private final HttpServer server;

        CallbackServer() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(CALLBACK_PATH, exchange -> {
                callback.complete(exchange.getRequestURI());
                byte[] page = "<!doctype html><title>signed in</title><h1>Signed in</h1>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        /** The callback request; the browser has already shown its answer, so this is only a bounded safety wait. */
        URI callback() throws Exception {
            return callback.get(10, TimeUnit.SECONDS);
        }

        void stop() {
            server.stop(0);
        }
    }

    /** The broker's upstream login: authorization code with PKCE, the code redeemed with the broker's secret. */
    private static TokenResponse brokerLogin(String user, String redirectUri) {
        Pkce pkce = Pkce.create();
        String state = UUID.randomUUID().toString();
        URI back = KeycloakFormLogin.authorize(keycloak.authorizationRequest(BROKER, redirectUri, "openid", state, pkce),
                user, user + "-password");
        Map<String, String> redirect = query(back);
        assertThat(redirect).containsEntry("state", state).containsEntry("iss", keycloak.issuer()).containsKey("code");
        TokenResponse tokens = keycloak.token(BROKER, BROKER_SECRET, form("grant_type", "authorization_code",
                "code", redirect.get("code"), "redirect_uri", redirectUri, "code_verifier", pkce.verifier()));
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        return tokens;
    }

    /** RFC 8693 at Keycloak with the broker's credentials: the "token-exchange" provisioning kind. */
    private static TokenResponse exchange(String subjectToken, String scope) {
        Map<String, String> request = form("grant_type", TOKEN_EXCHANGE, "subject_token", subjectToken,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", ACCESS_TOKEN_TYPE, "audience", "nextcloud");
        if (scope != null) {
            request.put("scope", scope);
        }
        return keycloak.token(BROKER, BROKER_SECRET, request);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2)).forEach(pair ->
                    query.put(URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                            pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : ""));
        }
        return query;
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    /** A port number for a redirect URI; nothing needs to listen there, since the redirect is only inspected. */
    private static int unusedPort() {
        return 20000 + (int) (Math.random() * 40000);
    }
}
