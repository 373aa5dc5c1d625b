package org.ncmcp.resource.credentials.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.model.lease.CredentialLease;
import org.ncmcp.model.lease.LeaseScheme;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.scope.ScopeSet;

class LeaseCacheTest {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final LeaseCache cache = new LeaseCache(Duration.ofSeconds(30), clock);
    private final ScopeSet notesRead = ScopeSet.parse("notes:read");

    private CredentialLease lease(String secret, Duration lifetime) {
        return new CredentialLease(LeaseScheme.BASIC, secret, "alice", "alice", clock.instant().plus(lifetime), notesRead,
                ScopeSet.parse("notes:write"), ProvisioningKind.LOGIN_FLOW_V2);
    }

    @Test
    @DisplayName("A lease is reused until renew-before ahead of its expiry, then fetched again")
    void reusedUntilShortlyBeforeExpiry() {
        AtomicInteger fetched = new AtomicInteger();
        assertThat(cache.get("alice", notesRead, () -> lease("s" + fetched.incrementAndGet(), Duration.ofMinutes(5)))
                .secret()).isEqualTo("s1");
        clock.advance(Duration.ofMinutes(4));
        assertThat(cache.get("alice", notesRead, () -> lease("s" + fetched.incrementAndGet(), Duration.ofMinutes(5)))
                .secret()).isEqualTo("s1");
        clock.advance(Duration.ofSeconds(31)); // 29 s left: inside renew-before
        assertThat(cache.get("alice", notesRead, () -> lease("s" + fetched.incrementAndGet(), Duration.ofMinutes(5)))
                .secret()).isEqualTo("s2");
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(2);
        assertThat(cache.grant("alice", Duration.ofSeconds(10))).hasValueSatisfying(grant ->
                assertThat(grant.scopes().format()).isEqualTo("notes:write"));
    }

    @Test
    @DisplayName("Per person and scope set: another person or another scope is another lease")
    void keyedByPersonAndScopes() {
        cache.get("alice", notesRead, () -> lease("alice-read", Duration.ofMinutes(5)));
        assertThat(cache.get("bob", notesRead, () -> lease("bob-read", Duration.ofMinutes(5))).secret())
                .isEqualTo("bob-read");
        assertThat(cache.get("alice", ScopeSet.parse("notes:write"), () -> lease("alice-write", Duration.ofMinutes(5)))
                .secret()).isEqualTo("alice-write");
    }

    @Test
    @DisplayName("50 concurrent calls for one key share one broker request")
    void singleFlight() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        CountDownLatch loaderEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> cache.get("alice", notesRead, () -> {
                    fetched.incrementAndGet();
                    loaderEntered.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return lease("shared", Duration.ofMinutes(5));
                }).secret()));
            }
            assertThat(loaderEntered.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("shared");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fetched).hasValue(1);
    }

    @Test
    @DisplayName("A failure is not cached; a rejected secret is evicted with the person's grant")
    void failuresAndEviction() {
        assertThatThrownBy(() -> cache.get("alice", notesRead, () -> {
            throw new IllegalStateException("broker down");
        })).hasMessage("broker down");
        assertThat(cache.get("alice", notesRead, () -> lease("good", Duration.ofMinutes(5))).secret()).isEqualTo("good");
        cache.evict("alice", "other-secret");
        assertThat(cache.get("alice", notesRead, () -> lease("fresh", Duration.ofMinutes(5))).secret()).isEqualTo("good");
        cache.evict("alice", "good");
        assertThat(cache.grant("alice", Duration.ofMinutes(1))).isEmpty();
        assertThat(cache.get("alice", notesRead, () -> lease("fresh", Duration.ofMinutes(5))).secret()).isEqualTo("fresh");
    }
}
