package org.ncmcp.resource.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9728 Protected Resource Metadata: where clients learn which authorization server to use. */
class ProtectedResourceMetadataTest extends MultiUserServerTest {

    @Autowired
    JsonMapper json;

    private JsonNode metadata(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return json.readTree(response.body());
    }

    private void assertDescribesThisServer(JsonNode document) {
        assertThat(document.path("resource").asString()).isEqualTo(RESOURCE);
        assertThat(document.path("authorization_servers").values()).extracting(JsonNode::asString)
                .containsExactly(broker.issuer());
        assertThat(document.path("bearer_methods_supported").values()).extracting(JsonNode::asString)
                .containsExactly("header");
        assertThat(document.path("resource_name").asString()).isNotBlank();
    }

    @Test
    @DisplayName("RS-01 the path-specific metadata document describes /mcp and names the broker, without a token")
    void pathSpecificDocument() {
        assertDescribesThisServer(metadata("/.well-known/oauth-protected-resource/mcp"));
    }

    @Test
    @DisplayName("RS-02 the root metadata document is served too, for clients that try it")
    void rootDocument() {
        assertDescribesThisServer(metadata("/.well-known/oauth-protected-resource"));
    }

    @Test
    @DisplayName("RS-04 scopes_supported is the minimal baseline, never offline_access; no mTLS claim")
    void minimalScopes() {
        JsonNode document = metadata("/.well-known/oauth-protected-resource/mcp");
        assertThat(document.path("scopes_supported").values()).extracting(JsonNode::asString)
                .containsExactly("notes:read");
        assertThat(document.toString()).doesNotContain("offline_access");
        assertThat(document.path("tls_client_certificate_bound_access_tokens").asBoolean(false)).isFalse();
    }

    @Test
    @DisplayName("RS-02 resource_metadata in the 401 challenge is the absolute URL of the path-specific document")
    void challengePointsAtTheDocument() {
        String header = challenge(post("/mcp", PING));
        Matcher url = Pattern.compile("resource_metadata=\"([^\"]+)\"").matcher(header);
        assertThat(url.find()).isTrue();
        URI metadataUrl = URI.create(url.group(1));
        assertThat(metadataUrl.isAbsolute()).isTrue();
        assertThat(metadataUrl.toString()).isEqualTo(METADATA_URL);
        // The public host is the proxy's; on this test server the same path serves the document.
        assertDescribesThisServer(metadata(metadataUrl.getPath()));
    }
}
