package org.ncmcp.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.broker.BrokerTest;
import org.ncmcp.broker.Http;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@BrokerTest
class AuthorizationServerMetadataTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    @DisplayName("AS-02: RFC 8414 metadata advertises S256 only, the code flow only, iss and CIMD support")
    void oauthMetadata() {
        JsonNode metadata = json(new Http(port).get("/.well-known/oauth-authorization-server"));
        assertThat(metadata.get("issuer").asString()).isEqualTo("http://127.0.0.1:9999");
        assertThat(texts(metadata.get("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(texts(metadata.get("response_types_supported"))).containsExactly("code"); // RFC 9700 2.1.2
        assertThat(texts(metadata.get("grant_types_supported")))
                .containsExactlyInAnyOrder("authorization_code", "refresh_token") // no password grant (RFC 9700 2.4)
                .doesNotContain("password", "implicit", "client_credentials");
        assertThat(metadata.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue(); // AS-06
        assertThat(metadata.get("client_id_metadata_document_supported").asBoolean()).isTrue(); // AS-03
        assertThat(metadata.get("registration_endpoint").asString()).isEqualTo("http://127.0.0.1:9999/oauth2/register");
        assertThat(texts(metadata.get("token_endpoint_auth_methods_supported"))).contains("none");
        assertThat(texts(metadata.get("scopes_supported"))).contains("notes:read", "notes:write")
                .doesNotContain("offline_access");
    }

    @Test
    @DisplayName("AS-02: OpenID discovery carries the same promises")
    void openIdDiscovery() {
        JsonNode metadata = json(new Http(port).get("/.well-known/openid-configuration"));
        assertThat(metadata.get("issuer").asString()).isEqualTo("http://127.0.0.1:9999");
        assertThat(texts(metadata.get("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(metadata.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
        assertThat(metadata.get("client_id_metadata_document_supported").asBoolean()).isTrue();
        assertThat(metadata.get("jwks_uri").asString()).isEqualTo("http://127.0.0.1:9999/oauth2/jwks");
    }

    @Test
    @DisplayName("JWKS publishes an RS256 signing key with a kid and no private part")
    void jwks() {
        JsonNode keys = json(new Http(port).get("/oauth2/jwks")).get("keys");
        assertThat(keys.size()).isGreaterThanOrEqualTo(1);
        JsonNode key = keys.get(0);
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.get("alg").asString()).isEqualTo("RS256");
        assertThat(key.get("kid").asString()).isNotBlank();
        assertThat(key.has("d")).isFalse();
        assertThat(key.has("p")).isFalse();
    }

    static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(node -> out.add(node.asString()));
        return out;
    }
}
