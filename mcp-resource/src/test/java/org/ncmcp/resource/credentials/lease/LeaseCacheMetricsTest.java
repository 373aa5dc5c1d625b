package org.ncmcp.resource.credentials.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.model.lease.CredentialLease;
import org.ncmcp.model.lease.LeaseScheme;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.scope.ScopeSet;

class LeaseCacheMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final ScopeSet NOTES_READ = ScopeSet.parse("notes:read");

    private final LeaseCache cache = new LeaseCache(Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger brokerRequests = new AtomicInteger();

    private CredentialLease lease() {
        brokerRequests.incrementAndGet();
        return new CredentialLease(LeaseScheme.BASIC, "app-password", "alice", "alice", NOW.plusSeconds(300), NOTES_READ,
                NOTES_READ, ProvisioningKind.LOGIN_FLOW_V2);
    }

    private double count(String name) {
        FunctionCounter counter = registry.get(name).functionCounter();
        return counter.count();
    }

    @Test
    @DisplayName("A miss is one broker request, every call served from memory afterwards is a hit")
    void countsFollowTheCache() {
        new LeaseCacheMetrics(cache).bindTo(registry);
        assertThat(count(LeaseCacheMetrics.HITS)).isZero();
        assertThat(count(LeaseCacheMetrics.MISSES)).isZero();

        for (int call = 0; call < 5; call++) {
            cache.get("alice-sub", NOTES_READ, this::lease);
        }
        cache.get("bob-sub", NOTES_READ, this::lease);

        assertThat(brokerRequests).hasValue(2);
        assertThat(count(LeaseCacheMetrics.MISSES)).isEqualTo(2);
        assertThat(count(LeaseCacheMetrics.HITS)).isEqualTo(4);
    }

    @Test
    @DisplayName("A failed lease request counts as a miss, and the next call asks again (another miss)")
    void failuresAreMisses() {
        new LeaseCacheMetrics(cache).bindTo(registry);

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> cache.get("carol-sub", NOTES_READ, () -> {
                throw new BrokerLeaseClient.BrokerUnavailableException("down");
            })).isInstanceOf(BrokerLeaseClient.BrokerUnavailableException.class);
        }

        assertThat(count(LeaseCacheMetrics.MISSES)).isEqualTo(2);
        assertThat(count(LeaseCacheMetrics.HITS)).isZero();
    }

    @Test
    @DisplayName("The meters carry a description and a unit for whoever scrapes them")
    void metersAreDescribed() {
        new LeaseCacheMetrics(cache).bindTo(registry);

        assertThat(registry.get(LeaseCacheMetrics.HITS).functionCounter().getId().getDescription()).contains("lease cache");
        assertThat(registry.get(LeaseCacheMetrics.MISSES).functionCounter().getId().getBaseUnit()).isEqualTo("leases");
    }
}
