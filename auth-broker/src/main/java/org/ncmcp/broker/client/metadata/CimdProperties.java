package org.ncmcp.broker.client.metadata;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Client ID Metadata Documents: how a {@code client_id} that is an https URL is fetched and cached.
 * Bound from {@code broker.cimd.*}.
 *
 * @param enabled whether URL-shaped client ids are resolved at all (the server should then advertise
 *     {@code client_id_metadata_document_supported})
 * @param allowedHosts hosts (names or IP literals) exempt from the SSRF address checks and allowed over
 *     plain http; meant for tests and development (e.g. {@code 127.0.0.1}), never for production
 * @param timeout the whole fetch, connect to last byte
 * @param maxBytes the largest document accepted; reading stops beyond it (the draft suggests 5 KB)
 * @param minCacheTtl the shortest time a fetched document is kept, whatever its cache headers say
 * @param maxCacheTtl the longest time a fetched document is kept
 * @param negativeCacheTtl how long a failed fetch or invalid document is remembered, so a broken
 *     client cannot make us fetch on every request; 0 disables
 * @param maxCacheEntries the number of documents kept in memory; the least recently used go first
 * @param acceptPrivateKeyJwt whether documents with {@code token_endpoint_auth_method=private_key_jwt}
 *     are accepted; off because the key set is then fetched by Spring's JWT client-assertion support,
 *     which does not apply our SSRF rules
 */
@Validated
@ConfigurationProperties("broker.cimd")
public record CimdProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("5KB") DataSize maxBytes,
        @DefaultValue("60s") Duration minCacheTtl,
        @DefaultValue("24h") Duration maxCacheTtl,
        @DefaultValue("10s") Duration negativeCacheTtl,
        @DefaultValue("1000") @Min(1) int maxCacheEntries,
        @DefaultValue("false") boolean acceptPrivateKeyJwt) {

    public CimdProperties {
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(CimdProperties::normalizeHost).filter(h -> !h.isEmpty()).toList();
        requirePositive("broker.cimd.timeout", timeout);
        if (maxBytes == null || maxBytes.toBytes() < 1 || maxBytes.toBytes() > 1024 * 1024) {
            throw new IllegalArgumentException("broker.cimd.max-bytes must be between 1B and 1MB, was " + maxBytes);
        }
        requireNotNegative("broker.cimd.min-cache-ttl", minCacheTtl);
        requirePositive("broker.cimd.max-cache-ttl", maxCacheTtl);
        requireNotNegative("broker.cimd.negative-cache-ttl", negativeCacheTtl);
        if (minCacheTtl.compareTo(maxCacheTtl) > 0) {
            throw new IllegalArgumentException("broker.cimd.min-cache-ttl (" + minCacheTtl
                    + ") must not be longer than broker.cimd.max-cache-ttl (" + maxCacheTtl + ")");
        }
    }

    /** The defaults, as if nothing were configured. */
    public static CimdProperties defaults() {
        return new CimdProperties(true, List.of(), Duration.ofSeconds(5), DataSize.ofKilobytes(5),
                Duration.ofSeconds(60), Duration.ofHours(24), Duration.ofSeconds(10), 1000, false);
    }

    /** Lower case, IPv6 brackets removed: the form hosts are compared in. */
    static String normalizeHost(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h;
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
