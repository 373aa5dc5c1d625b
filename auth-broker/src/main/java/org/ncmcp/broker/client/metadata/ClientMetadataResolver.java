package org.ncmcp.broker.client.metadata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a client identifier URL into a validated {@link ClientMetadataDocument}, with an in-memory cache.
 * <ul>
 *   <li>A document is kept as long as its cache headers allow, clamped to
 *       [{@code min-cache-ttl}, {@code max-cache-ttl}]; {@code no-store} is honoured (never kept).</li>
 *   <li>Failures are kept for {@code negative-cache-ttl}, so a broken or hostile client id cannot make
 *       us fetch on every request.</li>
 *   <li>Concurrent lookups of one URL share one fetch.</li>
 *   <li>At most {@code max-cache-entries} URLs are kept; the least recently used go first.</li>
 * </ul>
 */
public class ClientMetadataResolver {

    private static final Logger log = LoggerFactory.getLogger(ClientMetadataResolver.class);

    private final CimdProperties properties;
    private final ClientMetadataDocumentFetcher fetcher;
    private final ClientMetadataValidator validator;
    private final Clock clock;
    private final Map<String, Entry> entries;
    private final ConcurrentMap<String, CompletableFuture<Entry>> inFlight = new ConcurrentHashMap<>();

    public ClientMetadataResolver(CimdProperties properties, ClientMetadataDocumentFetcher fetcher, Clock clock) {
        this.properties = properties;
        this.fetcher = fetcher;
        this.validator = new ClientMetadataValidator(properties);
        this.clock = clock;
        int capacity = properties.maxCacheEntries();
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether URL-shaped client ids are resolved ({@code broker.cimd.enabled}). */
    public boolean enabled() {
        return properties.enabled();
    }

    /**
     * The validated document for a client identifier URL, from the cache or freshly fetched.
     *
     * @throws ClientMetadataException when the URL, the fetch or the document is not acceptable
     */
    public ClientMetadataDocument resolve(String clientId) {
        if (!properties.enabled()) {
            throw new ClientMetadataException("this server does not accept URL client ids (Client ID Metadata Documents)");
        }
        // Syntax errors are cheap and deterministic: checked before the cache so junk ids take no space.
        ClientIdUrl.parse(clientId, properties.allowedHosts());
        Entry cached = fresh(clientId);
        if (cached != null) {
            return cached.unwrap();
        }
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> running = inFlight.putIfAbsent(clientId, mine);
        if (running != null) {
            try {
                return running.join().unwrap();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            // Another thread may have finished between our cache miss and taking the in-flight slot.
            Entry entry = fresh(clientId);
            if (entry == null) {
                entry = load(clientId);
                store(clientId, entry);
            }
            mine.complete(entry);
            return entry.unwrap();
        } catch (RuntimeException unexpected) {
            mine.completeExceptionally(unexpected);
            throw unexpected;
        } finally {
            inFlight.remove(clientId, mine);
        }
    }

    /** Forgets a URL, so the next lookup fetches it again. */
    public void evict(String clientId) {
        synchronized (entries) {
            entries.remove(clientId);
        }
    }

    private Entry load(String clientId) {
        Instant now = clock.instant();
        try {
            FetchedDocument fetched = fetcher.fetch(clientId);
            ClientMetadataDocument document = validator.validate(clientId, fetched.body());
            Freshness freshness = fetched.freshness();
            Instant expiresAt = freshness.noStore() ? now : now.plus(clamp(freshness.lifetime()));
            return new Entry(document, null, expiresAt);
        } catch (ClientMetadataException e) {
            log.info("Client metadata document {} refused: {}", clientId, e.description());
            return new Entry(null, e, now.plus(properties.negativeCacheTtl()));
        }
    }

    private Duration clamp(Duration lifetime) {
        Duration value = lifetime == null ? properties.minCacheTtl() : lifetime;
        if (value.compareTo(properties.minCacheTtl()) < 0) {
            return properties.minCacheTtl();
        }
        return value.compareTo(properties.maxCacheTtl()) > 0 ? properties.maxCacheTtl() : value;
    }

    private Entry fresh(String clientId) {
        synchronized (entries) {
            Entry entry = entries.get(clientId);
            if (entry == null) {
                return null;
            }
            if (clock.instant().isBefore(entry.expiresAt())) {
                return entry;
            }
            entries.remove(clientId);
            return null;
        }
    }

    private void store(String clientId, Entry entry) {
        if (!clock.instant().isBefore(entry.expiresAt())) {
            return;
        }
        synchronized (entries) {
            entries.put(clientId, entry);
        }
    }

    /** A document or the reason there is none, and until when that answer stands. */
    private record Entry(ClientMetadataDocument document, ClientMetadataException failure, Instant expiresAt) {
        ClientMetadataDocument unwrap() {
            if (failure != null) {
                throw new ClientMetadataException(failure.description(), failure);
            }
            return document;
        }
    }
}
