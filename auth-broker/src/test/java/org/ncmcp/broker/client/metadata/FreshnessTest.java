package org.ncmcp.broker.client.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FreshnessTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void noStoreWinsOverEverything() {
        assertThat(Freshness.of("max-age=600, no-store", "Wed, 02 Dec 2026 13:00:00 GMT", null, null, NOW).noStore()).isTrue();
    }

    @Test
    void maxAgeLessAgeIsTheLifetime() {
        assertThat(Freshness.of("public, max-age=600", null, null, "100", NOW)).isEqualTo(new Freshness(false, Duration.ofSeconds(500)));
        assertThat(Freshness.of("max-age=\"60\"", null, null, null, NOW).lifetime()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void maxAgeWinsOverExpires() {
        assertThat(Freshness.of("max-age=60", "Wed, 02 Dec 2026 13:00:00 GMT", null, null, NOW).lifetime())
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void noCacheMeansZero() {
        assertThat(Freshness.of("no-cache", null, null, null, NOW).lifetime()).isZero();
    }

    @Test
    void expiresCountsFromTheDateHeaderOrNow() {
        assertThat(Freshness.of(null, "Wed, 02 Dec 2026 13:00:00 GMT", null, null, NOW).lifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(Freshness.of(null, "Wed, 02 Dec 2026 13:00:00 GMT", "Wed, 02 Dec 2026 12:30:00 GMT", null, NOW).lifetime())
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(Freshness.of(null, "0", null, null, NOW).lifetime()).isZero();
        assertThat(Freshness.of(null, "Wed, 02 Dec 2026 11:00:00 GMT", null, null, NOW).lifetime()).isZero();
    }

    @Test
    void noHeadersMeansUnknown() {
        assertThat(Freshness.of(null, null, null, null, NOW)).isEqualTo(new Freshness(false, null));
        assertThat(Freshness.of("public", null, null, null, NOW)).isEqualTo(new Freshness(false, null));
    }
}
