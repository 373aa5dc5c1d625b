package org.ncmcp.e2e.simulator.oidc;

import org.ncmcp.e2e.simulator.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.BROKER_CALLBACK;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.CLIENT_ID;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.CLIENT_SECRET;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.SCOPE;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.authorizePath;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.json;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.logIn;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.tokenRequest;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.userinfo;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.e2e.simulator.oidc.OidcSupport.Pkce;
import tools.jackson.databind.JsonNode;

/** Token introspection (who may see which token) and RP-initiated logout, plus the settings and consent test hooks. */
class OidcIntrospectionAndLogoutTest {

    private static final String RESOURCE_SERVER = "resource-server-0123456789abcdefghijklm";
    private static final String OTHER = "other-client-0123456789abcdefghijklmnop";
    private static final String SECRET = "a-secret-for-the-other-two-clients-0123";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private NextcloudSimulator simulator;
    private Browser browser;

    @BeforeEach
    void start() {
        simulator = NextcloudSimulator.start(SimulatorOptions.defaults().withClock(clock));
        simulator.state().addUser("alice", "alice", "Alice", "alice-password");
        simulator.oidc().addBrokerClient(CLIENT_ID, CLIENT_SECRET);
        simulator.oidc().addClient(ClientSpec.confidential(RESOURCE_SERVER, SECRET, "https://rs.example/cb")
                .withResourceUrl("https://rs.example/api"));
        simulator.oidc().addClient(ClientSpec.confidential(OTHER, SECRET, "https://other.example/cb"));
        browser = new Browser(simulator.baseUri());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private JsonNode tokens(Map<String, String> extra) throws Exception {
        Pkce pkce = Pkce.create();
        String back = logIn(browser, authorizePath(CLIENT_ID, BROKER_CALLBACK, SCOPE, "s", "n", pkce, extra), "alice", "alice-password");
        HttpResponse<String> response = tokenRequest(simulator, Map.of("grant_type", "authorization_code",
                "code", Browser.queryOf(back).get("code"), "code_verifier", pkce.verifier()), CLIENT_ID, CLIENT_SECRET);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private JsonNode introspect(String clientId, String secret, String token) throws Exception {
        HttpResponse<String> response = Browser.HTTP.send(HttpRequest.newBuilder(simulator.baseUri().resolve(
                "/index.php/apps/oidc/introspect")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Browser.form(Map.of("client_id", clientId, "client_secret", secret,
                        "token", token)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    @Test
    void introspectionShowsATokenToItsClientAndToTheResourceItWasIssuedFor() throws Exception {
        String token = tokens(Map.of("resource", "https://rs.example/api")).path("access_token").asString();

        JsonNode own = introspect(CLIENT_ID, CLIENT_SECRET, token);
        assertThat(own.path("active").asBoolean()).isTrue();
        assertThat(own.path("username").asString()).isEqualTo("alice");
        assertThat(own.path("client_id").asString()).isEqualTo(CLIENT_ID);
        assertThat(own.path("aud").asString()).as("the owner client, not the resource").isEqualTo(CLIENT_ID);
        assertThat(own.path("exp").asLong()).isEqualTo(clock.epochSecond() + 1800);

        assertThat(introspect(RESOURCE_SERVER, SECRET, token).path("active").asBoolean()).isTrue();
        assertThat(introspect(OTHER, SECRET, token).toString()).isEqualTo("{\"active\":false}");
        assertThat(introspect(CLIENT_ID, CLIENT_SECRET, "unknown").toString()).isEqualTo("{\"active\":false}");
        clock.advance(Duration.ofSeconds(1801));
        assertThat(introspect(CLIENT_ID, CLIENT_SECRET, token).path("active").asBoolean()).isFalse();
    }

    @Test
    void logoutWithAValidHintRevokesTheUsersTokensEndsTheSessionAndReturnsToARegisteredUri() throws Exception {
        JsonNode tokens = tokens(Map.of());
        simulator.oidc().addLogoutRedirectUri("http://127.0.0.1:54321/logged-out");

        HttpResponse<String> logout = browser.get("/index.php/apps/oidc/logout?" + Browser.form(Map.of(
                "id_token_hint", tokens.path("id_token").asString(), "post_logout_redirect_uri",
                "http://127.0.0.1:54321/logged-out", "state", "bye now")));
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(Browser.location(logout)).isEqualTo("http://127.0.0.1:54321/logged-out?state=bye+now");
        assertThat(userinfo(simulator, tokens.path("access_token").asString()).statusCode()).isEqualTo(400);
        HttpResponse<String> again = browser.get(authorizePath(CLIENT_ID, BROKER_CALLBACK, SCOPE, "s", "n", null, Map.of()));
        assertThat(Browser.location(again)).as("the session ended").startsWith("/index.php/login?");
    }

    @Test
    void anUnregisteredTargetGoesToTheLoginPageAndAnExpiredHintIs401() throws Exception {
        JsonNode tokens = tokens(Map.of());
        HttpResponse<String> unregistered = browser.get("/index.php/apps/oidc/logout?" + Browser.form(Map.of(
                "id_token_hint", tokens.path("id_token").asString(), "post_logout_redirect_uri", "https://evil.example/")));
        assertThat(Browser.location(unregistered)).isEqualTo("/index.php/login");

        JsonNode later = tokens(Map.of());
        clock.advance(Duration.ofSeconds(900));
        HttpResponse<String> expired = browser.get("/index.php/apps/oidc/logout?" + Browser.form(Map.of(
                "id_token_hint", later.path("id_token").asString())));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).path("error").asString()).isEqualTo("invalid_jwt");
    }

    @Test
    void settingsAndConsentHooksOverHttp() throws Exception {
        HttpResponse<String> settings = Browser.HTTP.send(HttpRequest.newBuilder(simulator.baseUri().resolve("/__test/oidc/settings"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"provide_refresh_token_always\":true,\"always_include_scope_claims\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(settings.statusCode()).isEqualTo(200);
        Pkce pkce = Pkce.create();
        String back = logIn(browser, authorizePath(CLIENT_ID, BROKER_CALLBACK, "openid profile", "s", "n", pkce, Map.of()),
                "alice", "alice-password");
        JsonNode tokens = json(tokenRequest(simulator, Map.of("grant_type", "authorization_code", "code",
                Browser.queryOf(back).get("code"), "code_verifier", pkce.verifier()), CLIENT_ID, CLIENT_SECRET));
        assertThat(tokens.has("refresh_token")).as("without offline_access").isTrue();
        JsonNode id = OidcSupport.claims(OidcSupport.verified(simulator, tokens.path("id_token").asString()));
        assertThat(id.path("preferred_username").asString()).isEqualTo("alice");
        assertThat(id.path("family_name").asString()).as("a one-word display name is the family name").isEqualTo("Alice");

        HttpResponse<String> revoked = Browser.HTTP.send(HttpRequest.newBuilder(simulator.baseUri().resolve(
                "/__test/oidc/consents/alice/" + CLIENT_ID)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(200);
        JsonNode refused = json(tokenRequest(simulator, Map.of("grant_type", "refresh_token", "refresh_token",
                tokens.path("refresh_token").asString()), CLIENT_ID, CLIENT_SECRET));
        assertThat(refused.path("error_description").asString()).isEqualTo("Consent has been revoked.");
    }
}
