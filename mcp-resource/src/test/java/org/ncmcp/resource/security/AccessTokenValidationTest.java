package org.ncmcp.resource.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every request to /mcp carries a valid broker access token, or is refused with a 401 challenge. */
class AccessTokenValidationTest extends MultiUserServerTest {

    private HttpResponse<String> ping(String token) {
        return postWithToken(token, PING);
    }

    private static void assertRejected(HttpResponse<String> response, String descriptionFragment) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response))
                .startsWith("Bearer error=\"invalid_token\", error_description=\"")
                .containsIgnoringCase(descriptionFragment)
                .endsWith("resource_metadata=\"" + METADATA_URL + "\", scope=\"notes:read\"");
        assertThat(response.body()).contains("\"error\":\"invalid_token\"").doesNotContain("Exception", "at org.");
    }

    private static void assertAccepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("challenge: %s", challenge(response)).isEqualTo(200);
    }

    @Test
    @DisplayName("RS-05 a valid broker access token is accepted")
    void validTokenIsAccepted() {
        HttpResponse<String> response = ping(broker.token(RESOURCE).mint());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
    }

    @Test
    @DisplayName("RS-02 RS-03 no token: 401 with resource_metadata and the baseline scope, no error code")
    void missingTokenIsChallenged() {
        HttpResponse<String> response = post("/mcp", PING);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response))
                .isEqualTo("Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"notes:read\"");
    }

    @Test
    @DisplayName("RS-05 an expired token is rejected")
    void expiredTokenIsRejected() {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        assertRejected(ping(broker.token(RESOURCE).claim("iat", past).claim("nbf", past)
                .claim("exp", Instant.now().minus(Duration.ofMinutes(2))).mint()), "expired");
    }

    @Test
    @DisplayName("RS-05 expiry is tolerated within the clock skew (60 s)")
    void expiryWithinSkewIsTolerated() {
        Instant issued = Instant.now().minus(Duration.ofMinutes(5));
        assertAccepted(ping(broker.token(RESOURCE).claim("iat", issued).claim("nbf", issued)
                .claim("exp", Instant.now().minusSeconds(20)).mint()));
    }

    @Test
    @DisplayName("RS-05 a token not valid before a time beyond the skew is rejected; within the skew it is accepted")
    void notBeforeInTheFutureIsRejected() {
        assertRejected(ping(broker.token(RESOURCE).claim("nbf", Instant.now().plus(Duration.ofMinutes(5))).mint()),
                "not");
        assertAccepted(ping(broker.token(RESOURCE).claim("nbf", Instant.now().plusSeconds(20)).mint()));
    }

    @Test
    @DisplayName("RS-05 a token issued in the future beyond the skew is rejected")
    void issuedInTheFutureIsRejected() {
        Instant later = Instant.now().plus(Duration.ofMinutes(5));
        assertRejected(ping(broker.token(RESOURCE).claim("iat", later).claim("nbf", later)
                .claim("exp", later.plus(Duration.ofMinutes(5))).mint()), "");
    }

    @Test
    @DisplayName("RS-05 a token from another issuer is rejected")
    void wrongIssuerIsRejected() {
        assertRejected(ping(broker.token(RESOURCE).claim("iss", "http://127.0.0.1:9999").mint()), "iss");
        assertRejected(ping(broker.token(RESOURCE).claim("iss", broker.issuer() + "/").mint()), "iss");
    }

    @Test
    @DisplayName("RS-06 a token for another resource is rejected")
    void wrongAudienceIsRejected() {
        assertRejected(ping(broker.token("https://other.example.com/mcp").mint()), "aud");
        assertRejected(ping(broker.token(RESOURCE).claim("aud", List.of("https://mcp.example.com/other")).mint()),
                "aud");
    }

    @Test
    @DisplayName("RS-06 a token without an audience is rejected")
    void missingAudienceIsRejected() {
        assertRejected(ping(broker.token(RESOURCE).without("aud").mint()), "aud");
    }

    @Test
    @DisplayName("RS-12 the audience is compared canonically: scheme/host case and a trailing slash do not matter")
    void audienceIsComparedCanonically() {
        assertAccepted(ping(broker.token("HTTPS://MCP.Example.COM/mcp/").mint()));
        assertAccepted(ping(broker.token("https://mcp.example.com:443/mcp").mint()));
        // aud as a single string rather than an array, next to other audiences
        assertAccepted(ping(broker.token(RESOURCE).claim("aud", "https://mcp.example.com/mcp/").mint()));
        assertAccepted(ping(broker.token(RESOURCE).claim("aud", List.of("https://a.example", RESOURCE)).mint()));
        // the path is case-sensitive
        assertRejected(ping(broker.token("https://mcp.example.com/MCP").mint()), "aud");
    }

    @Test
    @DisplayName("RS-05 a token signed by another key (same kid) is rejected")
    void tokenSignedByAnotherKeyIsRejected() {
        String forged = broker.token(RESOURCE).signedWith(TestAuthorizationServer.newKey("attacker"))
                .kid(broker.signingKey().getKeyID()).mint();
        assertRejected(ping(forged), "signature");
    }

    @Test
    @DisplayName("RS-05 alg none is rejected")
    void unsignedTokenIsRejected() {
        assertRejected(ping(broker.token(RESOURCE).mintUnsigned()), "algorithm of none");
    }

    @Test
    @DisplayName("RS-05 HS256 signed with the public key as secret is rejected")
    void keyConfusionIsRejected() {
        assertRejected(ping(broker.token(RESOURCE).mintHs256WithPublicKeyAsSecret()), "another algorithm expected");
    }

    @Test
    @DisplayName("RS-05 typ must be at+jwt: ID tokens and plain JWTs are rejected")
    void typeMustBeAccessTokenJwt() {
        assertRejected(ping(broker.token(RESOURCE).type(null).mint()), "typ");
        assertRejected(ping(broker.token(RESOURCE).type("JWT").mint()), "typ");
        assertAccepted(ping(broker.token(RESOURCE).type("application/at+jwt").mint()));
    }

    @Test
    @DisplayName("RS-05 a token without the RFC 9068 claims sub, client_id, jti or exp is rejected")
    void requiredClaimsMustBePresent() {
        for (String claim : List.of("sub", "client_id", "jti", "exp")) {
            HttpResponse<String> response = ping(broker.token(RESOURCE).without(claim).mint());
            assertThat(response.statusCode()).as("without %s", claim).isEqualTo(401);
            assertRejected(response, claim);
        }
    }

    @Test
    @DisplayName("RS-05 nc_user and nbf are optional: a token shaped like the conformance suite's is accepted")
    void conformanceSuiteTokenShapeIsAccepted() {
        assertAccepted(ping(broker.token(RESOURCE).without("nc_user").without("nbf").without("scope")
                .claim("aud", RESOURCE).mint()));
    }

    @Test
    @DisplayName("RS-05 garbage in the Authorization header is rejected as invalid_token")
    void malformedTokenIsRejected() {
        assertRejected(ping("not-a-jwt"), "malformed");
        HttpResponse<String> response = post("/mcp", PING, "Authorization", "Bearer a b");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response)).contains("error=\"invalid_token\"", "resource_metadata=\"" + METADATA_URL);
    }

    @Test
    @DisplayName("RS-11 a token in the query string is not accepted")
    void tokenInQueryIsNotAccepted() {
        String token = broker.token(RESOURCE).mint();
        HttpResponse<String> response = post("/mcp?access_token=" + token, PING);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenge(response)).startsWith("Bearer resource_metadata=");
        assertThat(response.body()).contains("not accepted", "Authorization header");
        // Even next to a valid header: the token in the URL has leaked, the client must stop doing that.
        assertThat(post("/mcp?x=1&access_token=" + token, PING, "Authorization", "Bearer " + token).statusCode())
                .isEqualTo(401);
        assertThat(post("/mcp?x=1", PING, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("RS-11 a token in a form body is not accepted")
    void tokenInFormBodyIsNotAccepted() {
        String token = broker.token(RESOURCE).mint();
        HttpResponse<String> response = post("/mcp", "access_token=" + token, "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("RS-08 other paths need a token too; health stays public")
    void otherPathsNeedAToken() {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/metrics").statusCode()).isEqualTo(401);
    }
}
