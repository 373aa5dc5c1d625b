package org.ncmcp.e2e.simulator.oidc;

import org.ncmcp.e2e.simulator.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.BROKER_CALLBACK;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.CLIENT_ID;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.CLIENT_SECRET;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.SCOPE;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.authorizePath;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.claims;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.json;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.logIn;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.tokenRequest;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.userinfo;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.verified;

import com.nimbusds.jose.JWSObject;
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

/**
 * The authorization code flow against the simulated {@code oidc} app, the way the auth-broker (Spring Security
 * {@code oauth2Login}, PKCE + client secret) runs it: discovery, login page, code, token, JWKS, userinfo, refresh.
 */
class OidcCodeFlowTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private NextcloudSimulator simulator;
    private Browser browser;

    @BeforeEach
    void start() {
        simulator = NextcloudSimulator.start(SimulatorOptions.defaults().withClock(clock));
        // The login name differs from the user id, as with an email login; tokens must carry the user id.
        simulator.state().addUser("alice", "alice.login", "Alice Example", "alice-password");
        simulator.oidc().addBrokerClient(CLIENT_ID, CLIENT_SECRET);
        browser = new Browser(simulator.baseUri());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** Logs alice in and returns the code (checking state), for a flow with PKCE. */
    private String code(Pkce pkce, String scope, Map<String, String> extra) throws Exception {
        String back = logIn(browser, authorizePath(CLIENT_ID, BROKER_CALLBACK, scope, "xyz-state", "n-0S6_WzA2Mj", pkce, extra),
                "alice.login", "alice-password");
        assertThat(back).startsWith(BROKER_CALLBACK + "?");
        Map<String, String> params = Browser.queryOf(back);
        assertThat(params).containsEntry("state", "xyz-state").doesNotContainKey("error");
        return params.get("code");
    }

    private JsonNode redeem(String code, Pkce pkce) throws Exception {
        HttpResponse<String> response = tokenRequest(simulator, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", BROKER_CALLBACK, "code_verifier", pkce.verifier()), CLIENT_ID, CLIENT_SECRET);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private JsonNode error(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json(response);
    }

    @Test
    void discoveryAtTheIssuerIsAnNginxRedirectAndTheIssuerHasNoIndexPhp() throws Exception {
        HttpResponse<String> wellKnown = browser.get("/.well-known/openid-configuration");
        assertThat(wellKnown.statusCode()).isEqualTo(301);
        assertThat(Browser.location(wellKnown)).isEqualTo("/index.php/.well-known/openid-configuration");

        HttpResponse<String> discovery = browser.get(Browser.location(wellKnown));
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(discovery.body()).contains("\"issuer\":\"http:\\/\\/127.0.0.1:");
        JsonNode doc = json(discovery);
        String base = simulator.baseUri().toString();
        assertThat(doc.path("issuer").asString()).isEqualTo(base);
        assertThat(doc.path("authorization_endpoint").asString()).isEqualTo(base + "/index.php/apps/oidc/authorize");
        assertThat(doc.path("token_endpoint").asString()).isEqualTo(base + "/index.php/apps/oidc/token");
        assertThat(doc.path("registration_endpoint").asString()).isEqualTo(base + "/index.php/apps/oidc/register");
        assertThat(doc.path("grant_types_supported").toString())
                .isEqualTo("[\"authorization_code\",\"implicit\",\"refresh_token\"]");
        assertThat(doc.path("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\",\"plain\"]");

        simulator.oidc().settings().wellKnown(org.ncmcp.e2e.simulator.oidc.OidcSettings.WellKnown.APACHE_REWRITE);
        assertThat(json(browser.get("/.well-known/openid-configuration")).path("issuer").asString()).isEqualTo(base);
    }

    @Test
    void codeFlowWithPkceGivesTokensSignedWithTheJwksKeyAndUserinfoWithTheUserId() throws Exception {
        Pkce pkce = Pkce.create();
        String code = code(pkce, SCOPE, Map.of());
        assertThat(code).matches("[A-Za-z0-9]{128}");

        JsonNode tokens = redeem(code, pkce);
        assertThat(tokens.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.path("expires_in").asLong()).isEqualTo(900);
        assertThat(tokens.path("access_token").asString()).matches("[A-Za-z0-9]{72}");
        assertThat(tokens.path("refresh_token").asString()).matches("[A-Za-z0-9]{128}");
        assertThat(tokens.path("refresh_expires_in").asLong()).isEqualTo(900);

        JWSObject idToken = verified(simulator, tokens.path("id_token").asString());
        assertThat(idToken.getHeader().getType().toString()).isEqualTo("JWT");
        JsonNode id = claims(idToken);
        assertThat(id.path("iss").asString()).isEqualTo(simulator.baseUri().toString());
        assertThat(id.path("sub").asString()).isEqualTo("alice");
        assertThat(id.path("aud").asString()).isEqualTo(CLIENT_ID);
        assertThat(id.path("azp").asString()).isEqualTo(CLIENT_ID);
        assertThat(id.path("nonce").asString()).isEqualTo("n-0S6_WzA2Mj");
        assertThat(id.path("acr").asString()).isEqualTo("0");
        assertThat(id.path("auth_time").asLong()).isEqualTo(clock.epochSecond());
        assertThat(id.path("exp").asLong()).isEqualTo(clock.epochSecond() + 900);
        // From the token endpoint the app leaves scope claims out of the ID token: no preferred_username here.
        assertThat(id.has("preferred_username")).isFalse();
        assertThat(id.has("email")).isFalse();

        HttpResponse<String> info = userinfo(simulator, tokens.path("access_token").asString());
        assertThat(info.statusCode()).isEqualTo(200);
        JsonNode user = json(info);
        assertThat(user.path("sub").asString()).isEqualTo("alice");
        assertThat(user.path("preferred_username").asString()).isEqualTo("alice");
        assertThat(user.path("name").asString()).isEqualTo("Alice Example");
        assertThat(user.path("given_name").asString()).isEqualTo("Alice");
        assertThat(user.path("family_name").asString()).isEqualTo("Example");
        assertThat(user.path("email").asString()).isEqualTo("alice@example.com");
        assertThat(user.path("email_verified").asBoolean(true)).isFalse();
        assertThat(user.path("scope").asString()).isEqualTo(SCOPE);
        assertThat(user.path("picture").asString()).isEqualTo(simulator.baseUri() + "/avatar/alice/64");
        assertThat(user.path("updated_at").asLong()).isEqualTo(clock.epochSecond());
    }

    @Test
    void refreshRotatesEverythingAndTheOldTokensStopWorking() throws Exception {
        Pkce pkce = Pkce.create();
        JsonNode first = redeem(code(pkce, SCOPE, Map.of()), pkce);
        clock.advance(Duration.ofSeconds(600));

        // client_secret_post this time
        HttpResponse<String> refreshed = tokenRequest(simulator, Map.of("grant_type", "refresh_token", "refresh_token",
                first.path("refresh_token").asString(), "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET), null, null);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode second = json(refreshed);
        assertThat(second.path("refresh_token").asString()).isNotEqualTo(first.path("refresh_token").asString());
        JsonNode id = claims(verified(simulator, second.path("id_token").asString()));
        assertThat(id.path("iat").asLong()).isEqualTo(clock.epochSecond());
        assertThat(id.path("auth_time").asLong()).isEqualTo(clock.epochSecond() - 600);
        assertThat(id.path("nonce").asString()).isEqualTo("n-0S6_WzA2Mj");

        assertThat(userinfo(simulator, second.path("access_token").asString()).statusCode()).isEqualTo(200);
        assertThat(error(userinfo(simulator, first.path("access_token").asString()), 400).path("error_description")
                .asString()).isEqualTo("Could not find provided bearer token.");
        JsonNode reused = error(tokenRequest(simulator, Map.of("grant_type", "refresh_token", "refresh_token",
                first.path("refresh_token").asString()), CLIENT_ID, CLIENT_SECRET), 400);
        assertThat(reused.path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void reusingACodeFailsAndRevokesWhatTheCodeGave() throws Exception {
        Pkce pkce = Pkce.create();
        String code = code(pkce, SCOPE, Map.of());
        JsonNode tokens = redeem(code, pkce);

        JsonNode again = error(tokenRequest(simulator, Map.of("grant_type", "authorization_code", "code", code,
                "code_verifier", pkce.verifier()), CLIENT_ID, CLIENT_SECRET), 400);
        assertThat(again.path("error").asString()).isEqualTo("invalid_grant");
        assertThat(again.path("error_description").asString()).isEqualTo("Authorization code has already been used.");
        assertThat(userinfo(simulator, tokens.path("access_token").asString()).statusCode()).isEqualTo(400);
    }

    @Test
    void aWrongVerifierBurnsTheCodeAndAMissingOneIsRefused() throws Exception {
        Pkce pkce = Pkce.create();
        String code = code(pkce, SCOPE, Map.of());
        JsonNode wrong = error(tokenRequest(simulator, Map.of("grant_type", "authorization_code", "code", code,
                "code_verifier", Pkce.create().verifier()), CLIENT_ID, CLIENT_SECRET), 400);
        assertThat(wrong.path("error_description").asString()).isEqualTo("Invalid code_verifier.");
        JsonNode retry = error(tokenRequest(simulator, Map.of("grant_type", "authorization_code", "code", code,
                "code_verifier", pkce.verifier()), CLIENT_ID, CLIENT_SECRET), 400);
        assertThat(retry.path("error_description").asString()).isEqualTo("Could not find access token for code or refresh_token.");

        Pkce other = Pkce.create();
        String second = code(other, SCOPE, Map.of());
        JsonNode missing = error(tokenRequest(simulator, Map.of("grant_type", "authorization_code", "code", second),
                CLIENT_ID, CLIENT_SECRET), 400);
        assertThat(missing.path("error_description").asString()).isEqualTo("code_verifier required for PKCE flow.");
    }

    @Test
    void clientAuthenticationFailuresAre400AndTheCodeIsCheckedFirst() throws Exception {
        Pkce pkce = Pkce.create();
        String code = code(pkce, SCOPE, Map.of());
        JsonNode wrongSecret = error(tokenRequest(simulator, Map.of("grant_type", "authorization_code", "code", code,
                "code_verifier", pkce.verifier()), CLIENT_ID, "not-the-secret"), 400);
        assertThat(wrongSecret.path("error").asString()).isEqualTo("invalid_client");
        assertThat(wrongSecret.path("error_description").asString()).isEqualTo("Client authentication failed.");

        JsonNode unknownCode = error(tokenRequest(simulator, Map.of("grant_type", "authorization_code", "code", "nope",
                "client_id", "nobody", "client_secret", "x"), null, null), 400);
        assertThat(unknownCode.path("error").asString()).isEqualTo("invalid_grant");

        // The code survived the failed authentication.
        assertThat(redeem(code, pkce).has("access_token")).isTrue();
    }

    @Test
    void withoutOfflineAccessThereIsNoRefreshToken() throws Exception {
        Pkce pkce = Pkce.create();
        JsonNode tokens = redeem(code(pkce, "openid profile", Map.of()), pkce);
        assertThat(tokens.has("refresh_token")).isFalse();
        assertThat(tokens.has("refresh_expires_in")).isFalse();
    }

    @Test
    void expiryCountsFromRefreshedSoAccessTokensLast1800AndRefreshTokens1800Seconds() throws Exception {
        Pkce pkce = Pkce.create();
        JsonNode tokens = redeem(code(pkce, SCOPE, Map.of()), pkce);
        String access = tokens.path("access_token").asString();

        clock.advance(Duration.ofSeconds(1800));
        assertThat(userinfo(simulator, access).statusCode()).as("still valid at 1800 s despite expires_in 900").isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        JsonNode expired = error(userinfo(simulator, access), 400);
        assertThat(expired.path("error").asString()).isEqualTo("invalid_grant");
        assertThat(expired.path("error_description").asString()).isEqualTo("Access token already expired.");

        // That expiry deleted the grant, so its refresh token is gone too; a fresh one dies after 1800 s.
        Pkce next = Pkce.create();
        JsonNode fresh = redeem(code(next, SCOPE, Map.of()), next);
        clock.advance(Duration.ofSeconds(1801));
        JsonNode late = error(tokenRequest(simulator, Map.of("grant_type", "refresh_token", "refresh_token",
                fresh.path("refresh_token").asString()), CLIENT_ID, CLIENT_SECRET), 400);
        assertThat(late.path("error_description").asString()).isEqualTo("Refresh token is expired.");
    }

    @Test
    void aCodeOlderThanTheExpireTimeIsRefused() throws Exception {
        Pkce pkce = Pkce.create();
        String code = code(pkce, SCOPE, Map.of());
        clock.advance(Duration.ofSeconds(901));
        JsonNode old = error(tokenRequest(simulator, Map.of("grant_type", "authorization_code", "code", code,
                "code_verifier", pkce.verifier()), CLIENT_ID, CLIENT_SECRET), 400);
        assertThat(old.path("error_description").asString()).isEqualTo("Access token already expired.");
    }

    @Test
    void revokedConsentStopsRefresh() throws Exception {
        Pkce pkce = Pkce.create();
        JsonNode tokens = redeem(code(pkce, SCOPE, Map.of()), pkce);
        assertThat(simulator.oidc().revokeConsent("alice", CLIENT_ID)).isTrue();
        JsonNode refused = error(tokenRequest(simulator, Map.of("grant_type", "refresh_token", "refresh_token",
                tokens.path("refresh_token").asString()), CLIENT_ID, CLIENT_SECRET), 400);
        assertThat(refused.path("error_description").asString()).isEqualTo("Consent has been revoked.");
    }

    @Test
    void jwtAccessTokensAreAtJwtWithAudienceFromResourceThenClientResourceUrlThenClientId() throws Exception {
        String jwtClient = "jwt-client-0123456789abcdefghijklmnopq";
        simulator.oidc().addClient(ClientSpec.confidential(jwtClient, CLIENT_SECRET, OidcProvider.BROKER_REDIRECT_URI)
                .withTokenType("jwt"));
        Pkce pkce = Pkce.create();
        JsonNode plain = jwtFlow(jwtClient, pkce, Map.of());
        JWSObject token = verified(simulator, plain.path("access_token").asString());
        assertThat(token.getHeader().getType().toString()).isEqualTo("at+JWT");
        JsonNode claims = claims(token);
        assertThat(claims.path("aud").asString()).isEqualTo(jwtClient);
        assertThat(claims.path("client_id").asString()).isEqualTo(jwtClient);
        assertThat(claims.path("preferred_username").asString()).isEqualTo("alice");
        assertThat(claims.path("sub").asString()).isEqualTo("alice");
        assertThat(claims.path("scope").asString()).isEqualTo(SCOPE);
        assertThat(claims.path("email").asString()).isEqualTo("alice@example.com");
        assertThat(claims.path("exp").asLong()).isEqualTo(clock.epochSecond() + 900);

        Pkce second = Pkce.create();
        JsonNode withResource = jwtFlow(jwtClient, second, Map.of("resource", "https://nextcloud.example/ocs"));
        assertThat(claims(verified(simulator, withResource.path("access_token").asString())).path("aud").asString())
                .isEqualTo("https://nextcloud.example/ocs");

        String rsClient = "rs-client-0123456789abcdefghijklmnopqrs";
        simulator.oidc().addClient(ClientSpec.confidential(rsClient, CLIENT_SECRET, OidcProvider.BROKER_REDIRECT_URI)
                .withTokenType("jwt").withResourceUrl("https://mcp.example/mcp"));
        Pkce third = Pkce.create();
        JsonNode fromClient = jwtFlow(rsClient, third, Map.of());
        assertThat(claims(verified(simulator, fromClient.path("access_token").asString())).path("aud").asString())
                .isEqualTo("https://mcp.example/mcp");
    }

    private JsonNode jwtFlow(String clientId, Pkce pkce, Map<String, String> extra) throws Exception {
        String back = logIn(browser, authorizePath(clientId, BROKER_CALLBACK, SCOPE, "s", "n", pkce, extra),
                "alice.login", "alice-password");
        String code = Browser.queryOf(back).get("code");
        HttpResponse<String> response = tokenRequest(simulator, Map.of("grant_type", "authorization_code", "code", code,
                "code_verifier", pkce.verifier()), clientId, CLIENT_SECRET);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    @Test
    void theClaimsParameterPutsProfileClaimsIntoTheIdToken() throws Exception {
        Pkce pkce = Pkce.create();
        String claimsRequest = "{\"id_token\":{\"preferred_username\":null,\"email\":{\"essential\":true}}}";
        JsonNode tokens = redeem(code(pkce, SCOPE, Map.of("claims", claimsRequest)), pkce);
        JsonNode id = claims(verified(simulator, tokens.path("id_token").asString()));
        assertThat(id.path("preferred_username").asString()).isEqualTo("alice");
        assertThat(id.path("email").asString()).isEqualTo("alice@example.com");
        assertThat(id.has("name")).as("not asked for").isFalse();
    }

    @Test
    void aSecondAuthorizeInTheSameBrowserNeedsNoLogin() throws Exception {
        code(Pkce.create(), SCOPE, Map.of());
        HttpResponse<String> again = browser.get(authorizePath(CLIENT_ID, "http://127.0.0.1:60000/login/oauth2/code/upstream",
                SCOPE, "second", "n", Pkce.create(), Map.of()));
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(Browser.location(again)).startsWith("http://127.0.0.1:60000/login/oauth2/code/upstream?state=second&code=");
    }

    @Test
    void promptNoneWithoutSessionIsLoginRequiredAtTheClient() throws Exception {
        HttpResponse<String> response = browser.get(authorizePath(CLIENT_ID, BROKER_CALLBACK, SCOPE, "st", "n", null,
                Map.of("prompt", "none")));
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(Browser.queryOf(Browser.location(response))).containsEntry("error", "login_required").containsEntry("state", "st");
    }

    @Test
    void unknownClientsAndForeignRedirectUrisGetAnErrorPageAfterLogin() throws Exception {
        code(Pkce.create(), SCOPE, Map.of());
        HttpResponse<String> unknown = browser.get(authorizePath("no-such-client", BROKER_CALLBACK, SCOPE, "s", "n", null, Map.of()));
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(unknown.body()).contains("Your client is not authorized to connect.");

        for (String foreign : new String[] {"http://127.0.0.1:54321/elsewhere", "http://localhost:54321/login/oauth2/code/upstream",
                "https://127.0.0.1/login/oauth2/code/upstream", BROKER_CALLBACK + "/"}) {
            HttpResponse<String> refused = browser.get(authorizePath(CLIENT_ID, foreign, SCOPE, "s", "n", null, Map.of()));
            assertThat(refused.statusCode()).as(foreign).isEqualTo(403);
            assertThat(refused.body()).contains("The received redirect URI is not accepted");
        }
    }

    @Test
    void theLoginFormWantsTheLoginPasswordItsRequestTokenAndAcceptsTheUserId() throws Exception {
        String authorize = authorizePath(CLIENT_ID, BROKER_CALLBACK, SCOPE, "s", "n", Pkce.create(), Map.of());
        String loginPage = Browser.location(browser.get(authorize));
        HttpResponse<String> form = browser.get(loginPage);
        String token = Browser.hiddenInput(form.body(), "requesttoken");
        String redirectUrl = Browser.hiddenInput(form.body(), "redirect_url");

        String appPassword = simulator.state().issueAppPassword("alice");
        HttpResponse<String> withAppPassword = browser.postForm("/index.php/login", Map.of("user", "alice.login",
                "password", appPassword, "requesttoken", token, "redirect_url", redirectUrl));
        assertThat(Browser.location(withAppPassword)).startsWith("/index.php/login?user=alice.login&direct=1&redirect_url=");
        assertThat(browser.get(Browser.location(withAppPassword)).body()).contains("Wrong login or password.");

        HttpResponse<String> withoutToken = browser.postForm("/index.php/login", Map.of("user", "alice",
                "password", "alice-password", "redirect_url", redirectUrl));
        assertThat(browser.get(Browser.location(withoutToken)).body()).contains("Please try again");

        HttpResponse<String> byUserId = browser.postForm("/index.php/login", Map.of("user", "alice",
                "password", "alice-password", "requesttoken", token, "redirect_url", redirectUrl));
        assertThat(byUserId.statusCode()).isEqualTo(303);
        assertThat(Browser.location(byUserId)).startsWith(simulator.baseUri() + "/index.php/apps/oidc/redirect?client_id=");
        String back = OidcSupport.continueAfterLogin(browser, Browser.location(byUserId));
        assertThat(Browser.queryOf(back)).containsKey("code");
    }
}
