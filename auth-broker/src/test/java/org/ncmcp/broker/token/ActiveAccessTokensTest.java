package org.ncmcp.broker.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The liveness rule the lease path applies to the two columns it reads from {@code oauth2_authorization}. */
class ActiveAccessTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");
    private static final Timestamp LATER = Timestamp.from(NOW.plusSeconds(60));
    // as Spring's JDBC store writes it: the token's claims first, then the flag
    private static final String CLAIMS = "\"metadata.token.claims\":{\"@class\":\"java.util.Collections$UnmodifiableMap\","
            + "\"sub\":\"alice\",\"aud\":[\"java.util.Collections$SingletonList\",[\"https://mcp.example.com/mcp\"]],"
            + "\"metadata.token.invalidated\":true,\"nested\":{\"deeper\":[1,2,{\"x\":null}]},\"exp\":1.7964E9}";

    @Test
    void aTokenThatWasNotInvalidatedAndHasNotExpiredIsLive() {
        assertThat(ActiveAccessTokens.live(LATER, "{\"@class\":\"java.util.Collections$UnmodifiableMap\"," + CLAIMS
                + ",\"metadata.token.invalidated\":false}", NOW)).isTrue();
        assertThat(ActiveAccessTokens.live(LATER, "{" + CLAIMS + "}", NOW)).as("no flag yet").isTrue();
        assertThat(ActiveAccessTokens.live(LATER, null, NOW)).as("no metadata").isTrue();
    }

    @Test
    void anInvalidatedTokenIsNotLiveAndAClaimOfTheSameNameDoesNotCount() {
        assertThat(ActiveAccessTokens.live(LATER, "{" + CLAIMS + ",\"metadata.token.invalidated\":true}", NOW))
                .isFalse();
        // the claims above carry the name too; only the top-level flag decides
        assertThat(ActiveAccessTokens.live(LATER, "{\"metadata.token.invalidated\":false," + CLAIMS + "}", NOW))
                .isTrue();
    }

    @Test
    void expiredOrUnreadableIsNotLive() {
        assertThat(ActiveAccessTokens.live(Timestamp.from(NOW), "{}", NOW)).as("expires now").isFalse();
        assertThat(ActiveAccessTokens.live(null, "{}", NOW)).as("no expiry recorded").isFalse();
        assertThat(ActiveAccessTokens.live(LATER, "{\"metadata.token.claims\":{", NOW)).as("truncated").isFalse();
        assertThat(ActiveAccessTokens.live(LATER, "[]", NOW)).as("not an object").isFalse();
        assertThat(ActiveAccessTokens.live(LATER, "{\"metadata.token.invalidated\":\"no\"}", NOW))
                .as("not a boolean: not trusted").isFalse();
    }
}
