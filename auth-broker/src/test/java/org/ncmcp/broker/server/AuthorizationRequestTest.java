package org.ncmcp.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.broker.BrokerTest;
import org.ncmcp.broker.Http;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorization endpoint's rules, checked before anyone signs in: errors that can be sent back go
 * to the client with {@code iss}; errors about the redirect URI itself stay on a broker page.
 */
@BrokerTest
class AuthorizationRequestTest {

    private static final String REDIRECT = "http://127.0.0.1:33418/callback";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @LocalServerPort
    int port;
    String clientId;

    @BeforeEach
    void register() {
        HttpResponse<String> created = new Http(port).postJson("/oauth2/register", """
                {"client_name":"Rules","redirect_uris":["%s"],"grant_types":["authorization_code","refresh_token"],
                 "token_endpoint_auth_method":"none"}""".formatted(REDIRECT));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        clientId = JsonMapper.builder().build().readTree(created.body()).get("client_id").asString();
    }

    private Map<String, String> valid() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", clientId);
        p.put("redirect_uri", REDIRECT);
        p.put("scope", "notes:read");
        p.put("state", "s-123");
        p.put("code_challenge", CHALLENGE);
        p.put("code_challenge_method", "S256");
        p.put("resource", "http://127.0.0.1:8080/mcp");
        return p;
    }

    private HttpResponse<String> authorize(Map<String, String> parameters) {
        String query = parameters.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return new Http(port).get("/oauth2/authorize?" + query);
    }

    private static Map<String, String> redirectParameters(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT);
        return UriComponentsBuilder.fromUri(location).build().getQueryParams().toSingleValueMap().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> java.net.URLDecoder.decode(e.getValue(), StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("A valid request sends the person to sign in at the upstream IdP, with an HttpOnly SameSite=Lax session cookie")
    void validRequestGoesToSignIn() {
        HttpResponse<String> response = authorize(valid());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/upstream");
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ncmcp-broker="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
    }

    @Test
    @DisplayName("AS-08 / RFC 9700 4.8: no code_challenge is refused, with iss (AS-06)")
    void pkceRequired() {
        Map<String, String> p = valid();
        p.remove("code_challenge");
        p.remove("code_challenge_method");
        Map<String, String> error = redirectParameters(authorize(p));
        assertThat(error).containsEntry("error", "invalid_request").containsEntry("state", "s-123")
                .containsEntry("iss", "http://127.0.0.1:9999");
        assertThat(error.get("error_description")).contains("code_challenge");
    }

    @Test
    @DisplayName("RFC 9700 2.1.1: code_challenge_method plain is refused")
    void plainRefused() {
        Map<String, String> p = valid();
        p.put("code_challenge_method", "plain");
        assertThat(redirectParameters(authorize(p))).containsEntry("error", "invalid_request")
                .containsEntry("iss", "http://127.0.0.1:9999");
    }

    @Test
    @DisplayName("state is required")
    void stateRequired() {
        Map<String, String> p = valid();
        p.remove("state");
        Map<String, String> error = redirectParameters(authorize(p));
        assertThat(error).containsEntry("error", "invalid_request").containsEntry("iss", "http://127.0.0.1:9999");
        assertThat(error.get("error_description")).contains("state");
    }

    @Test
    @DisplayName("AS-05: an unknown resource is invalid_target")
    void unknownResource() {
        Map<String, String> p = valid();
        p.put("resource", "https://other.example.test/mcp");
        Map<String, String> error = redirectParameters(authorize(p));
        assertThat(error).containsEntry("error", "invalid_target");
        assertThat(error.get("error_description")).contains("http://127.0.0.1:8080/mcp");
    }

    @Test
    @DisplayName("RS-12: the resource is compared in canonical form (case of host, trailing slash)")
    void canonicalResource() {
        Map<String, String> p = valid();
        p.put("resource", "HTTP://127.0.0.1:8080/mcp/");
        assertThat(authorize(p).headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/upstream");
    }

    @Test
    @DisplayName("AS-07 / RFC 9700 2.1: redirect URIs match exactly; nothing is sent to an unregistered one")
    void exactRedirect() {
        for (String wrong : new String[] {"http://127.0.0.1:33418/callback/extra", "http://127.0.0.1:33418/callback?x=1",
                "http://evil.example.test/callback", "http://127.0.0.1:33418/Callback"}) {
            Map<String, String> p = valid();
            p.put("redirect_uri", wrong);
            HttpResponse<String> response = authorize(p);
            assertThat(response.statusCode()).as(wrong).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).as(wrong).isEmpty();
            assertThat(response.body()).contains("redirect_uri");
        }
    }

    @Test
    @DisplayName("RFC 8252 7.3: a loopback redirect may use another port")
    void loopbackPortMayVary() {
        Map<String, String> p = valid();
        p.put("redirect_uri", "http://127.0.0.1:51999/callback");
        assertThat(authorize(p).headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/upstream");
    }

    @Test
    @DisplayName("RS-08-like for the broker: a token request without client authentication is a JSON 401, not a login redirect")
    void tokenEndpointWithoutClient() {
        HttpResponse<String> response = new Http(port).postForm("/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", "x"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("\"error\":\"invalid_client\"");
    }

    @Test
    @DisplayName("RFC 9700 2.1.2: response_type=token (implicit) is refused")
    void implicitRefused() {
        Map<String, String> p = valid();
        p.put("response_type", "token");
        HttpResponse<String> response = authorize(p);
        assertThat(response.statusCode()).isIn(302, 400);
        if (response.statusCode() == 302) {
            assertThat(redirectParameters(response)).containsKey("error");
        }
    }
}
