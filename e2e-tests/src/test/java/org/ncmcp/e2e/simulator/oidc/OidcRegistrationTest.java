package org.ncmcp.e2e.simulator.oidc;

import org.ncmcp.e2e.simulator.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.BROKER_CALLBACK;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.SCOPE;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.authorizePath;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.claims;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.json;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.logIn;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.tokenRequest;
import static org.ncmcp.e2e.simulator.oidc.OidcSupport.userinfo;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACVerifier;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/** Dynamic client registration (RFC 7591) and its management (RFC 7592) as the oidc app does them, with its quirks. */
class OidcRegistrationTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private NextcloudSimulator simulator;

    @BeforeEach
    void start() {
        simulator = NextcloudSimulator.start(SimulatorOptions.defaults().withClock(clock));
        simulator.state().addUser("bob", "bob", "Bob", "bob-password");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private HttpResponse<String> send(String method, String path, String json, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(simulator.baseUri().resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Browser.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode register(String json) throws Exception {
        HttpResponse<String> response = send("POST", "/index.php/apps/oidc/register", json, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static String registration(String extra) {
        return "{\"client_name\":\"Claude\",\"redirect_uris\":[\"" + BROKER_CALLBACK + "\"]" + extra + "}";
    }

    @Test
    void registrationForcesClientSecretPostAndExpiresTheClientAfterAnHour() throws Exception {
        JsonNode client = register(registration(",\"token_endpoint_auth_method\":\"client_secret_basic\","
                + "\"grant_types\":[\"client_credentials\"],\"scope\":\"openid profile email offline_access\""));
        assertThat(client.path("client_id").asString()).matches("[A-Za-z0-9]{64}");
        assertThat(client.path("client_secret").asString()).matches("[A-Za-z0-9]{64}");
        assertThat(client.path("registration_access_token").asString()).matches("[A-Za-z0-9]{64}");
        assertThat(client.path("registration_client_uri").asString())
                .isEqualTo(simulator.baseUri() + "/index.php/apps/oidc/register/" + client.path("client_id").asString());
        assertThat(client.path("token_endpoint_auth_method").asString()).isEqualTo("client_secret_post");
        assertThat(client.path("grant_types").toString()).isEqualTo("[\"authorization_code\"]");
        assertThat(client.path("response_types").toString()).isEqualTo("[\"code\"]");
        assertThat(client.path("client_id_issued_at").asLong()).isEqualTo(clock.epochSecond());
        assertThat(client.path("client_secret_expires_at").asLong()).isEqualTo(clock.epochSecond() + 3600);
        assertThat(client.path("token_type").asString()).isEqualTo("opaque");
        assertThat(client.path("scope").asString()).isEqualTo("openid profile email offline_access");
        assertThat(client.path("application_type").asString()).isEqualTo("web");

        // The registered client works for a whole code flow, limited to its allowed scopes.
        String clientId = client.path("client_id").asString();
        String secret = client.path("client_secret").asString();
        Browser browser = new Browser(simulator.baseUri());
        Pkce pkce = Pkce.create();
        String back = logIn(browser, authorizePath(clientId, BROKER_CALLBACK, SCOPE + " roles", "s", "n", pkce, Map.of()),
                "bob", "bob-password");
        HttpResponse<String> tokens = tokenRequest(simulator, Map.of("grant_type", "authorization_code",
                "code", Browser.queryOf(back).get("code"), "code_verifier", pkce.verifier(), "client_id", clientId,
                "client_secret", secret), null, null);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String accessToken = json(tokens).path("access_token").asString();
        assertThat(json(userinfo(simulator, accessToken)).path("scope").asString())
                .as("roles was not among the client's allowed scopes").isEqualTo(SCOPE);

        // After client_expire_time the client is expired but still there until something cleans up.
        clock.advance(Duration.ofSeconds(3601));
        JsonNode expired = json(userinfo(simulator, accessToken));
        assertThat(expired.path("error").asString()).isEqualTo("expired_client");
        HttpResponse<String> refresh = tokenRequest(simulator, Map.of("grant_type", "refresh_token", "refresh_token",
                json(tokens).path("refresh_token").asString(), "client_id", clientId, "client_secret", secret), null, null);
        assertThat(json(refresh).path("error").asString()).isEqualTo("expired_client");

        register(registration("")); // registration runs the clean-up
        HttpResponse<String> gone = tokenRequest(simulator, Map.of("grant_type", "refresh_token", "refresh_token",
                json(tokens).path("refresh_token").asString(), "client_id", clientId, "client_secret", secret), null, null);
        assertThat(json(gone).path("error_description").asString()).isEqualTo("Client not found.");
    }

    @Test
    void managementNeedsTheRegistrationTokenOfThatClientAndDeleteIs204() throws Exception {
        JsonNode first = register(registration(""));
        JsonNode second = register(registration(""));
        String path = "/index.php/apps/oidc/register/" + first.path("client_id").asString();
        String token = first.path("registration_access_token").asString();

        HttpResponse<String> read = send("GET", path, null, token);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).path("client_secret").asString()).isEqualTo(first.path("client_secret").asString());
        assertThat(json(read).has("registration_access_token")).isFalse();

        assertThat(send("GET", path, null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> foreign = send("GET", path, null, second.path("registration_access_token").asString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(foreign).path("error").asString()).isEqualTo("unauthorized_client");

        HttpResponse<String> updated = send("PUT", path, "{\"client_name\":\"Renamed\"}", token);
        assertThat(updated.statusCode()).isEqualTo(200);
        String newToken = json(updated).path("registration_access_token").asString();
        assertThat(newToken).isNotEqualTo(token);
        assertThat(json(updated).path("client_name").asString()).isEqualTo("Renamed");
        assertThat(send("GET", path, null, token).statusCode()).as("old token within the 60 s grace").isEqualTo(200);
        clock.advance(Duration.ofSeconds(61));
        assertThat(send("GET", path, null, token).statusCode()).as("old token after the grace").isEqualTo(401);

        HttpResponse<String> deleted = send("DELETE", path, null, newToken);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(send("GET", path, null, newToken).statusCode()).isEqualTo(401);
    }

    @Test
    void disabledRegistrationIsRefusedAndLeftOutOfDiscovery() throws Exception {
        simulator.oidc().settings().dynamicClientRegistration(false);
        HttpResponse<String> refused = send("POST", "/index.php/apps/oidc/register", registration(""), null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("error").asString()).isEqualTo("dynamic_registration_not_allowed");
        JsonNode discovery = json(send("GET", "/index.php/.well-known/openid-configuration", null, null));
        assertThat(discovery.has("registration_endpoint")).isFalse();
        assertThat(discovery.has("introspection_endpoint")).isTrue();
    }

    @Test
    void throttledRegistrationsAnswer429ThenSucceed() throws Exception {
        simulator.oidc().throttleNextRegistrations(2);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> throttled = send("POST", "/index.php/apps/oidc/register", registration(""), null);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.body()).isEqualTo("[]");
        }
        register(registration(""));

        HttpResponse<String> hook = send("POST", "/__test/oidc/registrations/throttle?count=1", null, null);
        assertThat(hook.statusCode()).isEqualTo(200);
        assertThat(send("POST", "/index.php/apps/oidc/register", registration(""), null).statusCode()).isEqualTo(429);
        register(registration(""));
    }

    @Test
    void nextcloudsAnonymousRateLimitAllowsTenRegistrationsPerMinute() throws Exception {
        for (int i = 0; i < 10; i++) {
            register(registration(""));
        }
        assertThat(send("POST", "/index.php/apps/oidc/register", registration(""), null).statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(60));
        register(registration(""));
    }

    @Test
    void moreThanOneHundredDynamicClientsAreRefusedFromTheHundredAndSecond() throws Exception {
        simulator.oidc().settings().anonRateLimit(false);
        for (int i = 0; i < 101; i++) {
            register(registration(""));
        }
        HttpResponse<String> full = send("POST", "/index.php/apps/oidc/register", registration(""), null);
        assertThat(full.statusCode()).isEqualTo(400);
        assertThat(json(full).path("error").asString()).isEqualTo("max_num_clients_exceeded");
    }

    @Test
    void requestFieldsAreCheckedAsTheAppChecksThem() throws Exception {
        assertThat(json(send("POST", "/index.php/apps/oidc/register", "{\"redirect_uris\":[]}", null)).path("error").asString())
                .isEqualTo("no_redirect_uris_provided");
        assertThat(json(send("POST", "/index.php/apps/oidc/register", registration(",\"scope\":\"openid \\\"x\\\"\""), null))
                .path("error").asString()).isEqualTo("invalid_scope");
        assertThat(json(send("POST", "/index.php/apps/oidc/register", registration(",\"resource_url\":\"not a url\""), null))
                .path("error").asString()).isEqualTo("invalid_resource_url");
        JsonNode withResource = register(registration(",\"resource_url\":\"https://mcp.example/mcp\",\"token_type\":\"jwt\""));
        assertThat(withResource.path("resource_url").asString()).isEqualTo("https://mcp.example/mcp");
        assertThat(withResource.path("token_type").asString()).isEqualTo("jwt");
        // Redirect URIs are stored unchecked, even ones an administrator could not enter.
        JsonNode anyUri = register("{\"redirect_uris\":[\"http://127.0.0.1:*/cb\"]}");
        assertThat(anyUri.path("client_name").asString()).isEqualTo("DCR-127.0.0.1");
    }

    @Test
    void aSigningAlgorithmOtherThanRs256BecomesHs256WithTheClientSecret() throws Exception {
        JsonNode client = register(registration(",\"id_token_signed_response_alg\":\"ES256\""));
        assertThat(client.path("id_token_signed_response_alg").asString()).isEqualTo("HS256");
        String clientId = client.path("client_id").asString();
        Browser browser = new Browser(simulator.baseUri());
        Pkce pkce = Pkce.create();
        String back = logIn(browser, authorizePath(clientId, BROKER_CALLBACK, SCOPE, "s", "n", pkce, Map.of()), "bob", "bob-password");
        JsonNode tokens = json(tokenRequest(simulator, Map.of("grant_type", "authorization_code", "code",
                Browser.queryOf(back).get("code"), "code_verifier", pkce.verifier()), clientId,
                client.path("client_secret").asString()));
        JWSObject idToken = JWSObject.parse(tokens.path("id_token").asString());
        assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(idToken.getHeader().getKeyID()).isNull();
        assertThat(idToken.verify(new MACVerifier(client.path("client_secret").asString().getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(claims(idToken).path("sub").asString()).isEqualTo("bob");
    }

    @Test
    void theTestHookPreRegistersClientsWithTheAppsRulesForRedirectUris() throws Exception {
        HttpResponse<String> created = send("POST", "/__test/oidc/clients", "{\"client_id\":\"broker-client-0123456789abcdefghijkl\","
                + "\"client_secret\":\"broker-secret-0123456789abcdefghijkl\",\"redirect_uris\":[\""
                + OidcProvider.BROKER_REDIRECT_URI + "\"]}", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).path("issuer").asString()).isEqualTo(simulator.baseUri().toString());
        assertThat(simulator.oidc().client("broker-client-0123456789abcdefghijkl")).isPresent();

        HttpResponse<String> wildcardPort = send("POST", "/__test/oidc/clients",
                "{\"redirect_uris\":[\"http://127.0.0.1:*/login/oauth2/code/upstream\"]}", null);
        assertThat(wildcardPort.statusCode()).isEqualTo(400);
        assertThat(json(wildcardPort).path("message").asString()).isEqualTo("Wildcard port only allowed for localhost");
        HttpResponse<String> shortId = send("POST", "/__test/oidc/clients",
                "{\"client_id\":\"short\",\"redirect_uris\":[\"http://localhost:*/cb\"]}", null);
        assertThat(shortId.statusCode()).isEqualTo(400);
    }
}
