package org.ncmcp.e2e.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.broker.BrokerProcess;
import org.ncmcp.e2e.oauth.HeadlessSignIn;
import org.ncmcp.e2e.oauth.McpOAuthClient;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker federated to the simulated Nextcloud {@code oidc} app (the second IdP; Keycloak is the
 * first): an MCP client registers, the person signs in upstream and consents, and the client's tokens
 * are bound to mcp-resource. Sign-in here is headless; the browser runs in the Keycloak tests.
 */
class BrokerWithSimulatedOidcTest {

    static final String RESOURCE = "http://127.0.0.1:18931/mcp";
    static final String REDIRECT = "http://127.0.0.1:33418/callback";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static NextcloudSimulator simulator;
    static BrokerProcess broker;
    static com.sun.net.httpserver.HttpServer documents;

    @BeforeAll
    static void start() throws java.io.IOException {
        simulator = NextcloudSimulator.start(SimulatorOptions.defaults());
        simulator.state().addUser("alice", "alice@example.test", "Alice A.", "alice-login-password");
        simulator.state().addUser("bob", "bob", "Bob B.", "bob-login-password");
        documents = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        documents.createContext("/clients/desktop.json", exchange -> {
            String self = "http://127.0.0.1:" + documents.getAddress().getPort() + "/clients/desktop.json";
            byte[] body = ("{\"client_id\":\"" + self + "\",\"client_name\":\"Desktop assistant (CIMD)\","
                    + "\"redirect_uris\":[\"" + REDIRECT + "\"],\"grant_types\":[\"authorization_code\",\"refresh_token\"],"
                    + "\"response_types\":[\"code\"],\"token_endpoint_auth_method\":\"none\"}").getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "max-age=300");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        documents.start();
        // the metadata document is served on loopback here, which only an allow-list permits
        broker = SimulatedIdpBroker.start(simulator, RESOURCE, Map.of("broker.cimd.allowed-hosts", "127.0.0.1"),
                "simulated-oidc");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (documents != null) {
            documents.stop(0);
        }
    }

    @Test
    @DisplayName("AS-03 CIMD: an https-URL client_id is fetched, validated and used without registration")
    void clientIdMetadataDocument() throws Exception {
        String clientId = "http://127.0.0.1:" + documents.getAddress().getPort() + "/clients/desktop.json";
        McpOAuthClient client = new McpOAuthClient(broker.baseUrl(), REDIRECT).withClientId(clientId);
        JsonNode tokens = client.signIn(new HeadlessSignIn("bob", "bob-login-password"), "notes:read", RESOURCE);
        var claims = SignedJWT.parse(tokens.get("access_token").asString()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("client_id")).isEqualTo(clientId);
        assertThat(claims.getAudience()).containsExactly(RESOURCE);
        // refresh works for the document-defined public client too
        HttpResponse<String> refreshed = client.refresh(tokens.get("refresh_token").asString(), null);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        // a redirect URI the document does not list is refused before anyone signs in
        McpOAuthClient stranger = new McpOAuthClient(broker.baseUrl(), "http://127.0.0.1:33418/elsewhere").withClientId(clientId);
        HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(stranger.authorizationUrl("notes:read", RESOURCE)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("Federated login at the Nextcloud oidc app: DCR → sign-in → consent → at+jwt for mcp-resource only")
    void signInIssuesAudienceBoundToken() throws Exception {
        McpOAuthClient client = new McpOAuthClient(broker.baseUrl(), REDIRECT);
        client.register("Simulated-IdP test client");
        JsonNode tokens = client.signIn(new HeadlessSignIn("alice@example.test", "alice-login-password"),
                "notes:read notes:write", RESOURCE);

        SignedJWT jwt = SignedJWT.parse(tokens.get("access_token").asString());
        JWKSet keys = JWKSet.load(URI.create(broker.baseUrl() + "/oauth2/jwks").toURL());
        assertThat(jwt.verify(new RSASSAVerifier(keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey()))).isTrue();
        assertThat(jwt.getHeader().getType().toString()).isEqualTo("at+jwt");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(broker.baseUrl());
        assertThat(claims.getAudience()).containsExactly(RESOURCE);
        assertThat(claims.getStringClaim("scope")).isEqualTo("notes:read notes:write");
        assertThat(claims.getStringClaim("nc_user")).isEqualTo("alice"); // the user id, not the login name
        assertThat(claims.getStringClaim("client_id")).isEqualTo(client.clientId());
        assertThat(claims.getSubject()).isNotBlank();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isLessThanOrEqualTo(300_000);
        assertThat(tokens.get("refresh_token").asString()).isNotBlank();
    }

    @Test
    @DisplayName("AS-05: a token request naming another resource than the authorization request is invalid_target")
    void tokenRequestMustRepeatTheResource() {
        McpOAuthClient client = new McpOAuthClient(broker.baseUrl(), REDIRECT);
        client.register("Resource switcher");
        HeadlessSignIn bob = new HeadlessSignIn("bob", "bob-login-password");
        URI callback = bob.authorize(client.authorizationUrl("notes:read", RESOURCE), REDIRECT);
        String code = client.callbackParameters(callback).get("code");
        HttpResponse<String> switched = client.exchange(code, "https://elsewhere.example.test/mcp");
        assertThat(switched.statusCode()).isEqualTo(400);
        assertThat(switched.body()).contains("invalid_target");
    }
}
