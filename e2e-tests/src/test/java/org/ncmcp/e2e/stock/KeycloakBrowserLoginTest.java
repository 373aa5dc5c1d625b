package org.ncmcp.e2e.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.broker.BrokerProcess;
import org.ncmcp.e2e.keycloak.KeycloakServer;
import org.ncmcp.e2e.keycloak.TokenResponse;
import org.ncmcp.e2e.oauth.McpOAuthClient;
import org.ncmcp.model.scope.ScopeSet;
import org.ncmcp.model.tool.ToolCatalogue;
import org.ncmcp.model.tool.ToolInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole multi-user system with a real Keycloak 26 as the upstream IdP, driven in real Chromium the way a person
 * and an MCP client meet it: a client registers (DCR, or a Client ID Metadata Document), alice signs in on
 * Keycloak's login page, approves the broker's consent page, the browser returns to the client's loopback redirect,
 * the code becomes a token bound to mcp-resource, and the MCP Java SDK lists the tools that token allows.
 * Consent is remembered per person and client, and withdrawing it revokes the client's refresh token. Tokens that
 * are not mcp-resource's (Keycloak's own) or no longer valid (expired) are refused with 401.
 */
@DisplayName("Keycloak as upstream IdP, in Chromium: DCR and CIMD clients sign in, consent, and use mcp-resource")
class KeycloakBrowserLoginTest {

    private static final Duration REDIRECT_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},
             "clientInfo":{"name":"keycloak-browser-test","version":"1"}}}""";

    private static StockStack stack;
    private static Playwright playwright;
    private static Browser browser;
    private static HttpServer documents;
    private static final AtomicInteger documentFetches = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        Optional<String> missing = Chromium.missing();
        missing.ifPresent(reason -> System.out.println("SKIPPED KeycloakBrowserLoginTest: " + reason));
        Assumptions.assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
        CompletableFuture<KeycloakServer> keycloak = CompletableFuture.supplyAsync(KeycloakServer::get);
        documents = startDocumentServer();
        // clock skew 0 s: "expired" means exactly that (RS-05 below); the broker and mcp-resource share one clock
        stack = new StockStack(keycloak, false, Map.of("broker.cimd.allowed-hosts", "127.0.0.1"),
                Map.of("mcp.auth.clock-skew", "0s"));
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (documents != null) {
            documents.stop(0);
        }
    }

    @Test
    @DisplayName("AS-04/AS-08/AS-10/AS-06/AS-05/RS-06: a DCR client — alice signs in at Keycloak, the consent page"
            + " (not frameable) names the client, its redirect host and scope, Allow returns code+state+iss to the"
            + " loopback redirect, the token is bound to mcp-resource with nc_user alice, and the MCP Java SDK lists"
            + " exactly the notes:read tools")
    void dcrClientSignsInAtKeycloakConsentsAndListsTools() throws Exception {
        try (LoopbackRedirect redirect = LoopbackRedirect.start(); BrowserSession person = new BrowserSession(browser)) {
            McpOAuthClient client = new McpOAuthClient(stack.issuer, redirect.uri());
            JsonNode registration = client.register("Keycloak browser test client");
            assertThat(registration.path("token_endpoint_auth_method").asString()).isEqualTo("none");

            person.page.navigate(client.authorizationUrl("notes:read", stack.resourceUri).toString());
            assertThat(person.page.url()).as("the broker sends a person who is not signed in to Keycloak")
                    .startsWith(stack.idpLoginPagePrefix());
            stack.signInAtIdp(person.page, "alice");

            BrowserSession.ConsentPage consent = person.consentPage();
            assertThat(person.page.url()).startsWith(stack.issuer + "/oauth2/consent");
            assertThat(consent.clientName()).isEqualTo("Keycloak browser test client");
            assertThat(consent.redirectHost()).isEqualTo("127.0.0.1");
            assertThat(consent.scopesToApprove()).containsExactly("notes:read");
            assertThat(consent.alreadyGranted()).isEmpty();
            assertThat(person.page.textContent("body")).contains("Read your notes");
            // the consent page may not be framed (clickjacking): the same page, fetched with the person's cookies
            APIResponse framed = person.context.request().get(person.page.url(), RequestOptions.create().setMaxRedirects(0));
            assertThat(framed.status()).isEqualTo(200);
            assertThat(framed.headers().get("content-security-policy")).contains("frame-ancestors 'none'");

            Map<String, String> callback = approve(person, client, redirect);
            JsonNode tokens = exchange(client, callback.get("code"));
            JWTClaimsSet claims = claims(tokens.path("access_token").asString());
            assertThat(SignedJWT.parse(tokens.path("access_token").asString()).getHeader().getType().toString())
                    .isEqualTo("at+jwt");
            assertThat(claims.getIssuer()).isEqualTo(stack.issuer);
            assertThat(claims.getAudience()).containsExactly(stack.resourceUri);
            assertThat(claims.getStringClaim("nc_user")).isEqualTo("alice");
            assertThat(claims.getStringClaim("client_id")).isEqualTo(client.clientId());
            assertThat(claims.getStringClaim("scope")).isEqualTo("notes:read");
            assertThat(tokens.path("refresh_token").asString()).isNotBlank();

            assertThat(listTools(tokens.path("access_token").asString())).isEqualTo(listedToolsFor("notes:read"));
        }
    }

    @Test
    @DisplayName("AS-10: consent is remembered per person and client — the same client and scope go straight back"
            + " without login or consent page; a wider scope asks only for what is new; another client asks again")
    void consentIsRememberedPerPersonAndClient() throws Exception {
        try (LoopbackRedirect redirect = LoopbackRedirect.start(); BrowserSession person = new BrowserSession(browser)) {
            McpOAuthClient client = new McpOAuthClient(stack.issuer, redirect.uri());
            client.register("Remembered consent client");
            signInAndReachConsent(person, client.authorizationUrl("notes:read", stack.resourceUri));
            exchange(client, approve(person, client, redirect).get("code"));

            // the same client asks again: straight back to it, no Keycloak, no consent page
            int mark = person.mark();
            person.page.navigate(client.authorizationUrl("notes:read", stack.resourceUri).toString());
            Map<String, String> again = client.callbackParameters(redirect.next(REDIRECT_TIMEOUT));
            List<String> passedThrough = person.navigationsSince(mark);
            assertThat(passedThrough).as("pages the second authorization went through").isNotEmpty()
                    .noneMatch(url -> url.startsWith(stack.issuer + "/oauth2/consent"))
                    .noneMatch(url -> url.startsWith(stack.keycloak.baseUrl().toString()));
            assertThat(claims(exchange(client, again.get("code")).path("access_token").asString()).getStringClaim("scope"))
                    .isEqualTo("notes:read");

            // a wider scope: the page asks only for notes:write and lists notes:read as already allowed
            person.page.navigate(client.authorizationUrl("notes:read notes:write", stack.resourceUri).toString());
            BrowserSession.ConsentPage wider = person.consentPage();
            assertThat(wider.scopesToApprove()).containsExactly("notes:write");
            assertThat(wider.alreadyGranted()).containsExactly("notes:read");
            JsonNode widened = exchange(client, approve(person, client, redirect).get("code"));
            assertThat(claims(widened.path("access_token").asString()).getStringClaim("scope")).isEqualTo("notes:read notes:write");

            // consent belongs to the client: another client of alice's is asked about
            McpOAuthClient other = new McpOAuthClient(stack.issuer, redirect.uri());
            other.register("Another client of alice's");
            person.page.navigate(other.authorizationUrl("notes:read", stack.resourceUri).toString());
            assertThat(person.consentPage().clientName()).isEqualTo("Another client of alice's");
            assertThat(redirect.pending()).isZero();
        }
    }

    @Test
    @DisplayName("AS-10: Deny on the consent page sends the client error=access_denied (with its state and iss) and no"
            + " code; the client gets no consent")
    void denyOnTheConsentPageReturnsAccessDenied() throws Exception {
        try (LoopbackRedirect redirect = LoopbackRedirect.start(); BrowserSession person = new BrowserSession(browser)) {
            McpOAuthClient client = new McpOAuthClient(stack.issuer, redirect.uri());
            client.register("Client to deny");
            signInAndReachConsent(person, client.authorizationUrl("notes:read", stack.resourceUri));
            person.page.click("#cancel-consent");
            Map<String, String> denied = client.callbackParameters(redirect.next(REDIRECT_TIMEOUT,
                    () -> "the browser stayed on " + person.page.url() + " (" + person.consoleErrors() + ")"));
            assertThat(denied).containsEntry("error", "access_denied").doesNotContainKey("code");

            person.page.navigate(stack.issuer + "/user/consents");
            assertThat(person.page.locator("[id='consent-" + client.clientId() + "']").count()).isZero();
        }
    }

    @Test
    @DisplayName("AS-10: withdrawing consent on /user/consents (CSRF-protected) revokes the client's refresh token"
            + " (invalid_grant) and the next authorization asks for consent again")
    void withdrawingConsentRevokesTheRefreshToken() throws Exception {
        try (LoopbackRedirect redirect = LoopbackRedirect.start(); BrowserSession person = new BrowserSession(browser)) {
            McpOAuthClient client = new McpOAuthClient(stack.issuer, redirect.uri());
            client.register("Client to withdraw");
            signInAndReachConsent(person, client.authorizationUrl("notes:read", stack.resourceUri));
            JsonNode tokens = exchange(client, approve(person, client, redirect).get("code"));

            // the refresh token works (and rotates) before the withdrawal
            HttpResponse<String> refreshed = client.refresh(tokens.path("refresh_token").asString(), null);
            assertThat(refreshed.statusCode()).as("refresh: %s", errorOnly(refreshed.body())).isEqualTo(200);
            String current = JSON.readTree(refreshed.body()).path("refresh_token").asString();

            // a cross-site form post with the person's session cookie but without the page's CSRF token is refused
            APIResponse forged = person.context.request().post(stack.issuer + "/user/consents/withdraw", RequestOptions.create()
                    .setForm(FormData.create().set("client_id", client.clientId())).setMaxRedirects(0));
            assertThat(forged.status()).as("withdrawal without CSRF token").isEqualTo(403);

            person.page.navigate(stack.issuer + "/user/consents");
            Locator row = person.page.locator("[id='consent-" + client.clientId() + "']");
            assertThat(row.count()).isEqualTo(1);
            assertThat(row.textContent()).contains("Client to withdraw", "notes:read");
            row.locator("button.withdraw").click();
            person.page.waitForSelector("#withdrawn");
            assertThat(person.page.textContent("#withdrawn")).contains("Client to withdraw");
            assertThat(person.page.locator("[id='consent-" + client.clientId() + "']").count()).isZero();

            HttpResponse<String> refused = client.refresh(current, null);
            assertThat(refused.statusCode()).as("refresh after withdrawal: %s", errorOnly(refused.body())).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("error").asString()).isEqualTo("invalid_grant");

            person.page.navigate(client.authorizationUrl("notes:read", stack.resourceUri).toString());
            assertThat(person.consentPage().scopesToApprove()).containsExactly("notes:read");
        }
    }

    @Test
    @DisplayName("AS-03: a CIMD client (client_id = the URL of its metadata document, fetched by the broker) signs alice"
            + " in through Keycloak; the consent page shows the document's name, redirect host and loopback warning;"
            + " its token lists every notes tool for notes:read notes:write")
    void cimdClientSignsInThroughTheSameBrowserLogin() throws Exception {
        try (LoopbackRedirect redirect = LoopbackRedirect.start(); BrowserSession person = new BrowserSession(browser)) {
            String clientId = "http://127.0.0.1:" + documents.getAddress().getPort() + "/clients/"
                    + URI.create(redirect.uri()).getPort() + "/assistant.json";
            McpOAuthClient client = new McpOAuthClient(stack.issuer, redirect.uri()).withClientId(clientId);
            int fetchesBefore = documentFetches.get();

            signInAndReachConsent(person, client.authorizationUrl("notes:read notes:write", stack.resourceUri));
            assertThat(documentFetches.get()).as("the broker fetched the metadata document").isGreaterThan(fetchesBefore);
            BrowserSession.ConsentPage consent = person.consentPage();
            assertThat(consent.clientName()).isEqualTo("Browser assistant (CIMD)");
            assertThat(consent.redirectHost()).isEqualTo("127.0.0.1");
            assertThat(consent.scopesToApprove()).containsExactly("notes:read", "notes:write");
            assertThat(consent.warnings()).contains("only redirects to this computer");

            JsonNode tokens = exchange(client, approve(person, client, redirect).get("code"));
            JWTClaimsSet claims = claims(tokens.path("access_token").asString());
            assertThat(claims.getStringClaim("client_id")).isEqualTo(clientId);
            assertThat(claims.getAudience()).containsExactly(stack.resourceUri);
            assertThat(claims.getStringClaim("nc_user")).isEqualTo("alice");
            assertThat(listTools(tokens.path("access_token").asString()))
                    .isEqualTo(listedToolsFor("notes:read notes:write"))
                    .contains("nc_notes_create_note");
        }
    }

    @Test
    @DisplayName("RS-05/RS-06/RS-07: an access token Keycloak itself issued to alice (another issuer and audience) is"
            + " refused by mcp-resource with 401 invalid_token — no token passthrough")
    void keycloakAccessTokenIsRefused() throws Exception {
        TokenResponse keycloakTokens = stack.keycloak.passwordGrant("test-cli", "alice", "alice-password");
        assertThat(keycloakTokens.ok()).as(keycloakTokens.toString()).isTrue();
        JsonNode keycloakClaims = keycloakTokens.accessTokenClaims();
        assertThat(keycloakClaims.path("iss").asString()).isEqualTo(stack.keycloak.issuer());
        assertThat(keycloakClaims.path("preferred_username").asString()).isEqualTo("alice");

        HttpResponse<String> response = postInitialize(keycloakTokens.accessToken());
        assertThat(response.statusCode()).isEqualTo(401);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\"")
                .contains("resource_metadata=\"" + stack.mcpBase() + "/.well-known/oauth-protected-resource/mcp\"");
    }

    @Test
    @DisplayName("RS-05: a broker token whose exp has passed is refused with 401 invalid_token (expired); it came from a"
            + " second broker replica on the same database configured with broker.access-token-ttl=1s")
    void expiredBrokerTokenIsRefused() throws Exception {
        BrokerProcess shortLived = stack.startReplica(Map.of("broker.access-token-ttl", "1s"), "short-ttl-replica");
        try (LoopbackRedirect redirect = LoopbackRedirect.start(); BrowserSession person = new BrowserSession(browser)) {
            // everything at the short-lived replica: registration, the browser sign-in, the code exchange
            McpOAuthClient client = new McpOAuthClient(shortLived.baseUrl(), redirect.uri());
            client.register("Short-lived token client");
            URI authorization = client.authorizationUrl("notes:read", stack.resourceUri);
            signInAndReachConsent(person, authorization);
            person.page.click("#submit-consent");
            Map<String, String> callback = query(redirect.next(REDIRECT_TIMEOUT));
            assertThat(callback.get("state")).isEqualTo(query(authorization).get("state"));
            assertThat(callback.get("iss")).as("the replica speaks for the shared issuer").isEqualTo(stack.issuer);
            JsonNode tokens = exchange(client, callback.get("code"));
            String token = tokens.path("access_token").asString();
            JWTClaimsSet claims = claims(token);
            assertThat(claims.getIssuer()).isEqualTo(stack.issuer);
            assertThat(claims.getAudience()).containsExactly(stack.resourceUri);
            assertThat(claims.getExpirationTime().toInstant().getEpochSecond() - claims.getIssueTime().toInstant().getEpochSecond())
                    .isEqualTo(1);

            // poll (with a deadline) until exp lies in the past; mcp-resource allows no clock skew here
            Instant exp = claims.getExpirationTime().toInstant();
            org.awaitility.Awaitility.await("exp " + exp + " passes").atMost(java.time.Duration.ofSeconds(10))
                    .pollInterval(java.time.Duration.ofMillis(20)).until(() -> Instant.now().isAfter(exp));
            HttpResponse<String> response = postInitialize(token);
            assertThat(response.statusCode()).isEqualTo(401);
            String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertThat(challenge).contains("error=\"invalid_token\"");
            assertThat(param(challenge, "error_description")).containsIgnoringCase("expired");
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Opens an authorization URL in a fresh session: Keycloak's login page, alice signs in, the consent page. */
    private static void signInAndReachConsent(BrowserSession person, URI authorizationUrl) {
        person.page.navigate(authorizationUrl.toString());
        assertThat(person.page.url()).startsWith(stack.idpLoginPagePrefix());
        stack.signInAtIdp(person.page, "alice");
        person.page.waitForSelector("#consent-form");
    }

    /** Clicks Allow; returns the redirect's parameters after checking state and RFC 9207 iss. */
    private static Map<String, String> approve(BrowserSession person, McpOAuthClient client, LoopbackRedirect redirect) {
        person.page.click("#submit-consent");
        URI back = redirect.next(REDIRECT_TIMEOUT);
        person.page.waitForURL(Pattern.compile(Pattern.quote(redirect.uri()) + "\\?.*"));
        Map<String, String> parameters = client.callbackParameters(back);
        assertThat(parameters).containsKey("code").doesNotContainKey("error");
        return parameters;
    }

    private static JsonNode exchange(McpOAuthClient client, String code) {
        HttpResponse<String> response = client.exchange(code, stack.resourceUri);
        assertThat(response.statusCode()).as("code exchange: %s", errorOnly(response.body())).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The MCP Java SDK as a client of mcp-resource with this token: initialize, then tools/list. */
    private static Set<String> listTools(String accessToken) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(stack.mcpBase()).endpoint("/mcp")
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + accessToken)).build())
                .requestTimeout(Duration.ofSeconds(20)).build();
        try {
            client.initialize();
            return client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toCollection(java.util.TreeSet::new));
        } finally {
            client.closeGracefully();
        }
    }

    /** Every catalogue tool these scopes allow (write implies read). */
    /** The Nextcloud (catalogue) tools the scopes allow. */
    static Set<String> catalogueToolsFor(String scopes) {
        ScopeSet granted = ScopeSet.parse(scopes);
        return ToolCatalogue.all().stream().filter(tool -> granted.grants(tool.scope())).map(ToolInfo::name)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** What tools/list shows for the scopes: their catalogue tools plus the account tools, which need no scope. */
    static Set<String> listedToolsFor(String scopes) {
        Set<String> tools = catalogueToolsFor(scopes);
        org.ncmcp.model.tool.AuthCatalogue.TOOLS.forEach(tool -> tools.add(tool.name()));
        return tools;
    }

    private static HttpResponse<String> postInitialize(String bearer) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.resourceUri)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JWTClaimsSet claims(String accessToken) throws java.text.ParseException {
        return SignedJWT.parse(accessToken).getJWTClaimsSet();
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String param(String challenge, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(challenge);
        return m.find() ? m.group(1) : "";
    }

    /** A token endpoint answer for a failure message: error fields only, never tokens. */
    private static String errorOnly(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json.path("error").asString("") + " " + json.path("error_description").asString("");
        } catch (RuntimeException notJson) {
            return "(not JSON)";
        }
    }

    /**
     * Client ID Metadata Documents on loopback: {@code /clients/<port>/assistant.json} describes a public client whose
     * only redirect URI is {@code http://127.0.0.1:<port>/callback}, so each test gets its own client id.
     */
    private static HttpServer startDocumentServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/clients/", exchange -> {
            Matcher path = Pattern.compile("/clients/(\\d+)/assistant\\.json").matcher(exchange.getRequestURI().getPath());
            if (!path.matches()) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            documentFetches.incrementAndGet();
            String self = "http://127.0.0.1:" + server.getAddress().getPort() + exchange.getRequestURI().getPath();
            byte[] body = JSON.writeValueAsBytes(Map.of("client_id", self, "client_name", "Browser assistant (CIMD)",
                    "redirect_uris", List.of("http://127.0.0.1:" + path.group(1) + "/callback"),
                    "grant_types", List.of("authorization_code", "refresh_token"), "response_types", List.of("code"),
                    "token_endpoint_auth_method", "none"));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "max-age=300");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
