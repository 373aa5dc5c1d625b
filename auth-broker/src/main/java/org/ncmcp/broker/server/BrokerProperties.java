package org.ncmcp.broker.server;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the broker is and whom it issues tokens for.
 *
 * @param issuer the broker's issuer URL; clients key their credentials by it, so it must not change
 * @param resources the protected resources (canonical URIs) tokens may be issued for; the first one
 *     is used when a client sends no {@code resource} parameter
 * @param accessTokenTtl lifetime of access tokens (short: they cannot be revoked at mcp-resource)
 * @param refreshTokenTtl lifetime of a refresh token family
 * @param refreshGrace how long a replay of a just-rotated refresh token still returns its successor
 * @param authorizationCodeTtl lifetime of authorization codes
 */
@Validated
@ConfigurationProperties("broker")
public record BrokerProperties(
        @NotNull URI issuer,
        @NotEmpty List<URI> resources,
        @DefaultValue("5m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("60s") Duration refreshGrace,
        @DefaultValue("2m") Duration authorizationCodeTtl) {

    public BrokerProperties {
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || accessTokenTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("broker.access-token-ttl must be between 1s and 1h, was " + accessTokenTtl);
        }
        if (refreshGrace.isNegative() || refreshGrace.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("broker.refresh-grace must be between 0 and 10m, was " + refreshGrace);
        }
    }

    /** The issuer as a string without a trailing slash, as it appears in {@code iss}. */
    public String issuerString() {
        String value = issuer.toString();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
