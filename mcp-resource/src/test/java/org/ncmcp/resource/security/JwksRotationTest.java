package org.ncmcp.resource.security;

import static org.assertj.core.api.Assertions.assertThat;

import static org.ncmcp.resource.security.MultiUserServerTest.PING;
import static org.ncmcp.resource.security.MultiUserServerTest.RESOURCE;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Key rotation at the broker: the JWKS is cached, a token with an unknown {@code kid} makes exactly one
 * refetch, and further unknown kids right after do not hammer the broker. Its own broker and context,
 * because the fetch counts are the point.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nextcloud.url=http://127.0.0.1:9", "mcp.auth.resource-uri=" + RESOURCE})
class JwksRotationTest {

    static final TestAuthorizationServer rotatingBroker = TestAuthorizationServer.start();

    @DynamicPropertySource
    static void rotatingBroker(DynamicPropertyRegistry registry) {
        registry.add("mcp.auth.issuer", rotatingBroker::issuer);
    }

    @LocalServerPort
    int port;

    private int ping(String token) {
        return MultiUserServerTest.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(PING))
                .build()).statusCode();
    }

    @Test
    @DisplayName("RS-05 after key rotation an unknown kid is accepted after one refetch; more unknown kids are rate-limited")
    void rotatedKeyIsFetchedOnceAndUnknownKidsAreRateLimited() {
        assertThat(rotatingBroker.jwksFetches()).as("keys are fetched lazily").isZero();

        assertThat(ping(rotatingBroker.token(RESOURCE).mint())).isEqualTo(200);
        assertThat(ping(rotatingBroker.token(RESOURCE).mint())).isEqualTo(200);
        assertThat(rotatingBroker.jwksFetches()).as("the JWKS is cached").isEqualTo(1);

        RSAKey rotated = TestAuthorizationServer.newKey("key-2");
        rotatingBroker.publish(rotatingBroker.signingKey(), rotated);
        assertThat(ping(rotatingBroker.token(RESOURCE).signedWith(rotated).mint())).isEqualTo(200);
        assertThat(rotatingBroker.jwksFetches()).as("one refetch for the new kid").isEqualTo(2);
        assertThat(ping(rotatingBroker.token(RESOURCE).signedWith(rotated).mint())).isEqualTo(200);
        assertThat(ping(rotatingBroker.token(RESOURCE).mint())).as("the old key still verifies").isEqualTo(200);
        assertThat(rotatingBroker.jwksFetches()).isEqualTo(2);

        RSAKey unpublished = TestAuthorizationServer.newKey("key-3");
        assertThat(ping(rotatingBroker.token(RESOURCE).signedWith(unpublished).mint())).isEqualTo(401);
        assertThat(ping(rotatingBroker.token(RESOURCE).signedWith(TestAuthorizationServer.newKey("key-4")).mint()))
                .isEqualTo(401);
        assertThat(rotatingBroker.jwksFetches()).as("unknown kids within the interval fetch nothing").isEqualTo(2);
    }
}
