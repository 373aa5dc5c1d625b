package org.ncmcp.resource.credentials.lease;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The lease cache's hit and miss counts as Micrometer counters, so operators can see how often tool calls wait for
 * the auth-broker. They read the cache's own counters (no second count on the hot path). A miss is one lease
 * request to the broker; a hit is a call served from memory, or one that joined a request already under way.
 * They reach whatever registry is configured (e.g. {@code /actuator/metrics} when an operator exposes it; in
 * multi-user mode that endpoint then needs a valid access token like everything but health and info).
 */
public final class LeaseCacheMetrics implements MeterBinder {

    public static final String HITS = "ncmcp.lease.cache.hits";
    public static final String MISSES = "ncmcp.lease.cache.misses";

    private final LeaseCache cache;

    public LeaseCacheMetrics(LeaseCache cache) {
        this.cache = cache;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(HITS, cache, LeaseCache::hits)
                .description("Nextcloud credentials served from the in-memory lease cache")
                .baseUnit("leases")
                .register(registry);
        FunctionCounter.builder(MISSES, cache, LeaseCache::misses)
                .description("Nextcloud credentials that needed a lease request to the auth-broker")
                .baseUnit("leases")
                .register(registry);
    }
}
