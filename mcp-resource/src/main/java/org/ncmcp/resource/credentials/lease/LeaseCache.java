package org.ncmcp.resource.credentials.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.ncmcp.model.lease.CredentialLease;
import org.ncmcp.model.scope.ScopeSet;

/**
 * Leases in memory only (never on disk), per (person, scope set), until {@code renewBefore} ahead of their expiry.
 * Concurrent calls for the same key share one broker request. Also remembers each person's granted scopes as the
 * latest lease (or status answer) reported them, for the effective-scope check.
 */
public final class LeaseCache {

    private static final int MAX_ENTRIES = 10_000;

    record Key(String subject, ScopeSet scopes) {
    }

    /** A person's grant as last seen; {@code scopes} empty with {@code provisioned} false means not connected. */
    public record Grant(boolean provisioned, ScopeSet scopes, Instant seenAt) {
    }

    private final Map<Key, CompletableFuture<CredentialLease>> leases = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Optional<Grant>>> grantFetches = new ConcurrentHashMap<>();
    private final Duration renewBefore;
    private final Clock clock;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public LeaseCache(Duration renewBefore, Clock clock) {
        this.renewBefore = renewBefore;
        this.clock = clock;
    }

    /** The cached lease, or one obtained through {@code loader} (once, however many callers wait for it). */
    public CredentialLease get(String subject, ScopeSet scopes, Supplier<CredentialLease> loader) {
        Key key = new Key(subject, scopes);
        while (true) {
            CompletableFuture<CredentialLease> existing = leases.get(key);
            if (existing != null) {
                if (!existing.isDone()) {
                    hits.increment();
                    return join(existing);
                }
                CredentialLease lease = existing.getNow(null);
                if (lease != null && usable(lease)) {
                    hits.increment();
                    return lease;
                }
                leases.remove(key, existing);
                continue;
            }
            CompletableFuture<CredentialLease> mine = new CompletableFuture<>();
            if (leases.putIfAbsent(key, mine) != null) {
                continue;
            }
            misses.increment();
            try {
                CredentialLease lease = loader.get();
                grants.put(subject, new Grant(true, lease.grantedScopes(), clock.instant()));
                mine.complete(lease);
                trimIfLarge();
                return lease;
            } catch (RuntimeException failure) {
                // failures are not cached: the next call asks the broker again
                leases.remove(key, mine);
                mine.completeExceptionally(failure);
                throw failure;
            }
        }
    }

    /** Nextcloud refused this secret: drop every lease of the person that carries it. */
    public void evict(String subject, String secret) {
        leases.entrySet().removeIf(entry -> entry.getKey().subject().equals(subject) && entry.getValue().isDone()
                && !entry.getValue().isCompletedExceptionally()
                && secret.equals(entry.getValue().getNow(null).secret()));
        grants.remove(subject);
    }

    public Optional<Grant> grant(String subject, Duration maxAge) {
        Grant grant = grants.get(subject);
        return grant != null && grant.seenAt().plus(maxAge).isAfter(clock.instant()) ? Optional.of(grant) : Optional.empty();
    }

    /**
     * The person's grant if fresh, else the one {@code fetch} obtains — once for all concurrent callers of the same
     * person (many calls finding the grant expired at once must not each ask the broker). Empty when the fetch
     * failed.
     */
    public Optional<Grant> grant(String subject, Duration maxAge, Supplier<Optional<Grant>> fetch) {
        Optional<Grant> fresh = grant(subject, maxAge);
        if (fresh.isPresent()) {
            return fresh;
        }
        CompletableFuture<Optional<Grant>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Grant>> running = grantFetches.putIfAbsent(subject, mine);
        if (running != null) {
            return running.join();
        }
        try {
            Optional<Grant> fetched = fetch.get();
            mine.complete(fetched);
            return fetched;
        } catch (RuntimeException failure) {
            mine.complete(Optional.empty());
            throw failure;
        } finally {
            grantFetches.remove(subject, mine);
        }
    }

    public void rememberGrant(String subject, boolean provisioned, ScopeSet scopes) {
        grants.put(subject, new Grant(provisioned, scopes, clock.instant()));
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    private boolean usable(CredentialLease lease) {
        return lease.expiresAt().minus(renewBefore).isAfter(clock.instant());
    }

    private void trimIfLarge() {
        if (leases.size() > MAX_ENTRIES) {
            leases.values().removeIf(future -> future.isDone()
                    && (future.isCompletedExceptionally() || !usable(future.getNow(null))));
        }
        if (grants.size() > MAX_ENTRIES) {
            grants.clear();
        }
    }

    private static CredentialLease join(CompletableFuture<CredentialLease> future) {
        try {
            return future.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }
}
