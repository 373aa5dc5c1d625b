package org.ncmcp.broker.client.upstream;

import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * DCR proxy mode: each client registered at the broker is also registered at the upstream IdP. Bound from
 * {@code broker.dcr-proxy.*}.
 *
 * @param enabled whether registrations are mirrored
 * @param issuer the IdP's issuer; when unset, the issuer of the upstream login is used
 * @param scope the {@code scope} asked for in the mirrored registration, or none
 * @param redirectUris redirect URIs to register upstream instead of the client's own (e.g. the broker's
 *     callback, when the broker signs users in as the mirrored client); empty means the client's own
 * @param initialAccessToken an RFC 7591 §3 initial access token, if the IdP requires one (Keycloak does
 *     unless anonymous registration is allowed for the broker's host); never logged
 * @param maxAttempts attempts in all for 429 and 503 answers, the first included
 * @param initialBackoff the first wait when the IdP sends no {@code Retry-After}; doubles, with jitter
 * @param maxWait the most time spent waiting between attempts, all waits together
 * @param discoveryTtl how long the IdP's discovery document is reused
 * @param timeout the limit for one HTTP exchange with the IdP
 */
@Validated
@ConfigurationProperties("broker.dcr-proxy")
public record DcrProxyProperties(
        @DefaultValue("false") boolean enabled,
        URI issuer,
        String scope,
        @DefaultValue List<URI> redirectUris,
        String initialAccessToken,
        @DefaultValue("5") @Min(1) int maxAttempts,
        @DefaultValue("200ms") Duration initialBackoff,
        @DefaultValue("10s") Duration maxWait,
        @DefaultValue("10m") Duration discoveryTtl,
        @DefaultValue("10s") Duration timeout) {

    public DcrProxyProperties {
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("broker.dcr-proxy.max-attempts must be at least 1, was " + maxAttempts);
        }
        requirePositive("broker.dcr-proxy.initial-backoff", initialBackoff);
        requireNotNegative("broker.dcr-proxy.max-wait", maxWait);
        requirePositive("broker.dcr-proxy.discovery-ttl", discoveryTtl);
        requirePositive("broker.dcr-proxy.timeout", timeout);
    }

    /** The defaults, as if nothing were configured. */
    public static DcrProxyProperties defaults() {
        return new DcrProxyProperties(false, null, null, List.of(), null, 5, Duration.ofMillis(200), Duration.ofSeconds(10),
                Duration.ofMinutes(10), Duration.ofSeconds(10));
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

    @Override
    public String toString() {
        return "DcrProxyProperties[enabled=" + enabled + ", issuer=" + issuer + ", scope=" + scope + ", redirectUris="
                + redirectUris + ", initialAccessToken=" + (initialAccessToken == null ? "none" : "<redacted>")
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxWait=" + maxWait
                + ", discoveryTtl=" + discoveryTtl + ", timeout=" + timeout + "]";
    }
}
