package org.ncmcp.resource.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.resource.security.MultiUserServerTest.PING;
import static org.ncmcp.resource.security.MultiUserServerTest.RESOURCE;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** When the broker's keys cannot be fetched, a token cannot be judged: 503 with a reason, never a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nextcloud.url=http://127.0.0.1:9", "mcp.auth.resource-uri=" + RESOURCE,
        // Port 9 (discard) is closed on loopback: the fetch fails at once.
        "mcp.auth.jwk-set-uri=http://127.0.0.1:9/oauth2/jwks"})
class JwksOutageTest {

    static final TestAuthorizationServer broker = TestAuthorizationServer.start();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("mcp.auth.issuer", broker::issuer);
    }

    @LocalServerPort
    int port;

    @Test
    @DisplayName("RS-08 an unreachable JWKS answers 503 with Retry-After, not 500 and not a misleading 401")
    void unreachableJwksIs503() {
        HttpResponse<String> response = MultiUserServerTest.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .header("Authorization", "Bearer " + broker.token(RESOURCE).mint())
                        .POST(HttpRequest.BodyPublishers.ofString(PING))
                        .build());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).contains("temporarily_unavailable").doesNotContain("Exception", "at org.");
    }
}
